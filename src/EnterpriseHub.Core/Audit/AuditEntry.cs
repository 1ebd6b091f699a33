namespace EnterpriseHub.Core.Audit;

/// <summary>
/// One audited action: who did what to which enterprises' data, when and why. Never holds fact
/// values: only codes, type names and the stated purpose.
/// </summary>
/// <param name="Action">What was done, e.g. <c>publish</c>, <c>read</c>, <c>grant.request</c>; see <see cref="AuditActions"/>.</param>
/// <param name="Usccs">The enterprises whose data was touched; empty when none (e.g. a schema change).</param>
/// <param name="FactTypes">The fact types involved (for a read: those returned).</param>
/// <param name="Outcome">What came of it, e.g. <c>ok</c>, or the status a refusal got.</param>
/// <param name="RequestId">The hub's own id of the call, never the caller's <c>x-request-id</c> (that is <see cref="CorrelationId"/>).</param>
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
    string Detail = "")
{
    /// <summary>
    /// The caller's own id of the call (its <c>x-request-id</c>), kept beside the hub's
    /// <see cref="RequestId"/> so a department can find its call; empty when it sent none. It is
    /// captured from <see cref="AuditCorrelation.Current"/> when the entry is built, because only
    /// the call's own async context carries it: the entry is stored later by the audit trail's
    /// commit loop or a publish transaction, which run outside that context.
    /// </summary>
    public string CorrelationId { get; init; } = AuditCorrelation.Current;
}

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

    /// <summary>
    /// Facts the enterprise declared through the portal (a form submission, a credit objection),
    /// published into the departments' types; the record names the person who did it.
    /// </summary>
    public const string Declare = "declare";

    /// <summary>The enterprise marked one of its notices read; the record names the person.</summary>
    public const string NoticeRead = "notice.read";

    /// <summary>A call the access table refused; the detail names the reason and the method.</summary>
    public const string Refusal = "refusal";

    /// <summary>
    /// Whether a record belongs in the access log of the enterprises it names: its reads, the
    /// refused attempts to reach its data, and what its own staff did through the portal.
    /// </summary>
    public static bool InAccessLog(string action) => action is Read or Refusal or Declare or NoticeRead;
}
