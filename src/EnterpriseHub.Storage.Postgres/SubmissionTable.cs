using EnterpriseHub.Core.Forms;
using EnterpriseHub.Storage.Common;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>SQL of <c>form_submissions</c>. Each write is one statement.</summary>
internal static class SubmissionTable
{
    private const string Columns = SubmissionColumns.Select;

    /// <summary>Inserts the submission unless the caller's id is taken, and returns the stored one either way.</summary>
    public static async Task<FormSubmission> AddOrGetAsync(NpgsqlDataSource dataSource, FormSubmission submission, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH added AS (
                INSERT INTO form_submissions (caller, submission_id, uscc, form, officer_id, submitted_ticks, effective_ticks, seq, targets)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (caller, submission_id) DO NOTHING RETURNING {Columns})
            SELECT {Columns} FROM added
            UNION ALL
            SELECT {Columns} FROM form_submissions WHERE caller = $1 AND submission_id = $2;
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
        // Empty only when another replica added it after this statement's snapshot was taken.
        return (await Rows.ReadAllAsync(command, SubmissionColumns.Read, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
            ?? (await FindAsync(dataSource, submission.Caller, submission.SubmissionId, cancellationToken).ConfigureAwait(false));
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

    private static async Task<FormSubmission> FindAsync(
        NpgsqlDataSource dataSource, string caller, string submissionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM form_submissions WHERE caller = $1 AND submission_id = $2;");
        command.Parameters.Add(new() { Value = caller });
        command.Parameters.Add(new() { Value = submissionId });
        return (await Rows.ReadAllAsync(command, SubmissionColumns.Read, cancellationToken).ConfigureAwait(false)).Single();
    }
}
