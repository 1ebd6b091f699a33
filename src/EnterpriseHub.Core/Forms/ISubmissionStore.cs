namespace EnterpriseHub.Core.Forms;

/// <summary>
/// The record of each form submission: which form, for which enterprise, by whom, when, and the
/// declared facts it became. The facts themselves are in the fact log; this is what lets an
/// enterprise list its submissions, newest first.
/// </summary>
public interface ISubmissionStore
{
    /// <summary>
    /// Records a submission once: when the caller's submission id is stored already, stores nothing
    /// and returns the stored one (the first submitter and time stand).
    /// </summary>
    Task<FormSubmission> AddSubmissionAsync(FormSubmission submission, CancellationToken cancellationToken);

    /// <summary>An enterprise's submissions, newest first (by <see cref="FormSubmission.Sequence"/>), before <paramref name="beforeSequence"/> (null for the newest).</summary>
    Task<IReadOnlyList<FormSubmission>> ListSubmissionsAsync(string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken);
}

/// <summary>One submission of a form, as stored.</summary>
/// <param name="Caller">The portal identity that submitted it; (Caller, SubmissionId) is the key.</param>
/// <param name="OfficerId">The person at the enterprise who submitted it.</param>
/// <param name="Targets">The declared facts, one per target department, in the form's order.</param>
public sealed record FormSubmission(
    string Caller, string SubmissionId, string Uscc, string Form, string OfficerId, DateTimeOffset SubmittedAt, DateTimeOffset EffectiveTime,
    IReadOnlyList<SubmittedFact> Targets)
{
    /// <summary>Its place among submissions: the first of its facts' sequences.</summary>
    public long Sequence => Targets.Count == 0 ? 0 : Targets.Min(t => t.Sequence);
}

/// <summary>A declared fact of a submission.</summary>
public sealed record SubmittedFact(string FactType, long Sequence);
