using EnterpriseHub.Core.Forms;

namespace EnterpriseHub.Storage.Common;

/// <summary>The submission contract: the record of each form submission, per enterprise.</summary>
public abstract partial class SqlFactStore
{
    private const string SelectSubmissions = $"SELECT {SubmissionColumns.Select} FROM form_submissions";

    /// <summary>Records a submission once: when the caller's submission id is stored already, the stored one stands.</summary>
    public Task<FormSubmission> AddSubmissionAsync(FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return WriteAsync(
            async (c, t) =>
            {
                await Sql.ExecuteAsync(c, t, """
                    INSERT INTO form_submissions (caller, submission_id, uscc, form, officer_id, submitted_ticks, effective_ticks, seq, targets)
                    VALUES (@caller, @id, @uscc, @form, @officer, @submitted, @effective, @seq, @targets)
                    ON CONFLICT (caller, submission_id) DO NOTHING;
                    """, cancellationToken,
                    ("@caller", submission.Caller), ("@id", submission.SubmissionId), ("@uscc", submission.Uscc), ("@form", submission.Form),
                    ("@officer", submission.OfficerId), ("@submitted", submission.SubmittedAt.UtcTicks),
                    ("@effective", submission.EffectiveTime.UtcTicks), ("@seq", submission.Sequence),
                    ("@targets", SubmissionColumns.Targets(submission))).ConfigureAwait(false);
                return (await Sql.QueryAsync(
                    c, t, $"{SelectSubmissions} WHERE caller = @caller AND submission_id = @id;", SubmissionColumns.Read, cancellationToken,
                    ("@caller", submission.Caller), ("@id", submission.SubmissionId)).ConfigureAwait(false)).Single();
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<FormSubmission>> ListSubmissionsAsync(
        string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await QueryAsync(
            $"{SelectSubmissions} WHERE uscc = @uscc AND seq < @before ORDER BY seq DESC LIMIT @limit;", SubmissionColumns.Read,
            cancellationToken, ("@uscc", uscc), ("@before", beforeSequence ?? long.MaxValue), ("@limit", limit)).ConfigureAwait(false);
    }
}
