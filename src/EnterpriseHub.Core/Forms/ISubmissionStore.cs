namespace EnterpriseHub.Core.Forms;

/// <summary>
/// The record of each form submission: which form, for which enterprise, by whom, when, and the
/// declared facts it became. The facts themselves are in the fact log, and the record is written
/// with them, in their append's transaction (<see cref="Facts.IFactStore.AppendAsync"/> with a
/// <see cref="SubmissionDraft"/>); this is what lets an enterprise list its submissions, newest first.
/// </summary>
public interface ISubmissionStore
{
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

/// <summary>
/// A submission to record with the facts it declares, one fact per target in the form's order:
/// the store completes it with their sequences and records it in the same transaction, once per
/// (caller, submission id) — a repeated submission stores nothing, the first submitter and time stand.
/// </summary>
public sealed record SubmissionDraft(string Caller, string SubmissionId, string Uscc, string Form, string OfficerId, DateTimeOffset EffectiveTime)
{
    /// <summary>The record of the submission once its facts are appended (or found stored already).</summary>
    public FormSubmission Complete(IReadOnlyList<Facts.FactDraft> drafts, IReadOnlyList<Facts.AppendedFact> appended)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(appended);
        return new FormSubmission(
            Caller, SubmissionId, Uscc, Form, OfficerId, appended.Min(a => a.PublishTime), EffectiveTime,
            drafts.Select((d, i) => new SubmittedFact(d.FactType, appended[i].Sequence)).ToList());
    }
}
