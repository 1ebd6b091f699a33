using EnterpriseHub.Core.Forms;
using EnterpriseHub.Storage.Common;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>SQL of <c>form_submissions</c>. Each write is one statement.</summary>
internal static class SubmissionTable
{
    private const string Columns = SubmissionColumns.Select;

    /// <summary>Inserts the submission unless the caller's id is taken (the first stands), in the append's batch.</summary>
    public static NpgsqlBatchCommand Insert(FormSubmission submission)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO form_submissions (caller, submission_id, uscc, form, officer_id, submitted_ticks, effective_ticks, seq, targets)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (caller, submission_id) DO NOTHING;
            """);
        command.Parameters.Add(new() { Value = submission.Caller });
        command.Parameters.Add(new() { Value = submission.SubmissionId });
        command.Parameters.Add(new() { Value = submission.Uscc });
        command.Parameters.Add(new() { Value = submission.Form });
        command.Parameters.Add(new() { Value = submission.OfficerId });
        command.Parameters.Add(new() { Value = submission.SubmittedAt.UtcTicks });
        command.Parameters.Add(new() { Value = submission.EffectiveTime.UtcTicks });
        command.Parameters.Add(new() { Value = submission.Sequence });
        command.Parameters.Add(new() { Value = SubmissionColumns.Targets(submission) });
        return command;
    }

    public static async Task<List<FormSubmission>> ListAsync(
        NpgsqlDataSource dataSource, string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM form_submissions WHERE uscc = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3;");
        command.Parameters.Add(new() { Value = uscc });
        command.Parameters.Add(new() { Value = beforeSequence ?? long.MaxValue });
        command.Parameters.Add(new() { Value = limit });
        return await Rows.ReadAllAsync(command, SubmissionColumns.Read, cancellationToken).ConfigureAwait(false);
    }
}
