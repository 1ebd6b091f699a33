namespace EnterpriseHub.Core.Audit;

/// <summary>
/// One audited action: who did what to which enterprises' data, when and why. Never holds fact
/// values: only codes, type names and the stated purpose.
/// </summary>
/// <param name="Action">What was done, e.g. <c>publish</c>, <c>read</c>, <c>grant.request</c>; see <see cref="AuditActions"/>.</param>
/// <param name="Usccs">The enterprises whose data was touched; empty when none (e.g. a schema change).</param>
/// <param name="FactTypes">The fact types involved (for a read: those returned).</param>
/// <param name="Outcome">What came of it, e.g. <c>ok</c>, or the status a refusal got.</param>
/// <param name="Detail">A short machine-readable note, e.g. the grant id or the withheld types; never a fact value.</param>
public sealed record AuditEntry(
    DateTimeOffset Time,
    string Caller,
    string OfficerId,
    string Action,
    IReadOnlyList<string> Usccs,
    IReadOnlyList<string> FactTypes,
    string Purpose,
    string RequestId,
    string Outcome,
    string Detail = "");

/// <summary>An audit entry with its place in the hash chain.</summary>
/// <param name="PreviousHash">The hash of the record before (the genesis hash for the first).</param>
/// <param name="Hash">SHA-256 over the previous hash and the canonical encoding of this record, lower-case hex.</param>
public sealed record AuditRecord(long Sequence, AuditEntry Entry, string PreviousHash, string Hash);

/// <summary>The actions the hub audits.</summary>
public static class AuditActions
{
    public const string Publish = "publish";
    public const string Read = "read";
    public const string Watch = "watch";
    public const string GrantRequest = "grant.request";
    public const string GrantDecision = "grant.decision";
    public const string GrantRevocation = "grant.revocation";
    public const string SchemaChange = "schema.change";
    public const string PolicyPublish = "policy.publish";
    public const string NoticeDelivery = "notice.delivery";

    /// <summary>A call the access table refused; the detail names the reason and the method.</summary>
    public const string Refusal = "refusal";

    /// <summary>
    /// Whether a record belongs in the access log of the enterprises it names: its reads, and the
    /// refused attempts to reach its data.
    /// </summary>
    public static bool InAccessLog(string action) => action is Read or Refusal;
}
