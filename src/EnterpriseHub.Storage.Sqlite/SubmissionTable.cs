using EnterpriseHub.Core.Forms;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>SQL of <c>form_submissions</c>.</summary>
internal static class SubmissionTable
{
    /// <summary>Inserts the submission unless the caller's id is taken (the first stands).</summary>
    public static void Add(SqliteConnection connection, SqliteTransaction transaction, FormSubmission submission)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO form_submissions (caller, submission_id, uscc, form, officer_id, submitted_ticks, effective_ticks, seq, targets)
            VALUES ($caller, $id, $uscc, $form, $officer, $submitted, $effective, $seq, $targets)
            ON CONFLICT (caller, submission_id) DO NOTHING;
            """;
        insert.Parameters.AddWithValue("$caller", submission.Caller);
        insert.Parameters.AddWithValue("$id", submission.SubmissionId);
        insert.Parameters.AddWithValue("$uscc", submission.Uscc);
        insert.Parameters.AddWithValue("$form", submission.Form);
        insert.Parameters.AddWithValue("$officer", submission.OfficerId);
        insert.Parameters.AddWithValue("$submitted", submission.SubmittedAt.UtcTicks);
        insert.Parameters.AddWithValue("$effective", submission.EffectiveTime.UtcTicks);
        insert.Parameters.AddWithValue("$seq", submission.Sequence);
        insert.Parameters.AddWithValue("$targets", SubmissionColumns.Targets(submission));
        insert.ExecuteNonQuery();
    }

    public static Task<List<FormSubmission>> ListAsync(
        SqliteConnection connection, string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SubmissionColumns.Select} FROM form_submissions
            WHERE uscc = $uscc AND seq < $before ORDER BY seq DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$uscc", uscc);
        command.Parameters.AddWithValue("$before", beforeSequence ?? long.MaxValue);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadAndDisposeAsync(command, cancellationToken);
    }

    private static async Task<List<FormSubmission>> ReadAndDisposeAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            return await Rows.ReadAllAsync(command, SubmissionColumns.Read, cancellationToken).ConfigureAwait(false);
        }
    }
}
