namespace EnterpriseHub.Core.Facts;

/// <summary>
/// Who at the enterprise declared facts through the portal, and as what: the publish's audit
/// record carries it, so the enterprise's access log names the person.
/// </summary>
/// <param name="OfficerId">The person at the enterprise (the portal's user id).</param>
/// <param name="Purpose">What it was, e.g. <c>form:change_of_registered_address</c> or <c>credit objection</c>.</param>
/// <param name="Detail">The portal's id of it, e.g. <c>submission S-1</c>; never a fact value.</param>
/// <param name="Submission">The form submission the facts are, recorded in their append's transaction.</param>
public sealed record Declaration(string OfficerId, string Purpose, string Detail, Forms.SubmissionDraft? Submission = null);
