using System.Text.RegularExpressions;
using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Lookup;

namespace EnterpriseHub.Core.Proactive;

/// <summary>A policy as a department sends it.</summary>
public sealed record PolicyDraft(
    string Id, NoticeKind? Kind, string Title, string Body, string Condition, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil);

/// <summary>How far a draft condition reaches now.</summary>
public sealed record PolicyReach(long Count, IReadOnlyList<EnterpriseFacts> Sample, long Examined);

/// <summary>
/// Where departments publish policies and try their conditions. A condition is parsed and
/// type-checked against the catalog; every problem is refused with its line and column.
/// </summary>
public sealed partial class PolicyDesk(
    INoticeStore store, EnterpriseScan scan, FactTypeCatalog catalog, AccessPolicy policy, AuditTrail audit, PolicySignal published,
    TimeProvider time)
{
    public const int MaxTitle = 200;
    public const int MaxBody = 4000;
    public const int MaxCondition = 4000;
    public const int MaxSample = 100;

    public async Task<Policy> PublishAsync(string caller, string requestId, PolicyDraft draft, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        if (!IdPattern().IsMatch(draft.Id))
        {
            violations.Add(new FieldViolation("policy_id", "must be 1 to 64 letters, digits, '-' or '_'"));
        }

        if (draft.Kind is not (NoticeKind.Notice or NoticeKind.Warning))
        {
            violations.Add(new FieldViolation("kind", "must be NOTICE_KIND_NOTICE or NOTICE_KIND_WARNING (reminders come from the hub's date rules)"));
        }

        Text(draft.Title, "title", MaxTitle, violations);
        Text(draft.Body, "body", MaxBody, violations);
        if (draft.ValidFrom is null || draft.ValidUntil is null || draft.ValidUntil <= draft.ValidFrom)
        {
            violations.Add(new FieldViolation("valid_until", "valid_from and valid_until are required, valid_until after valid_from"));
        }

        Compile(draft.Condition, violations);
        HubValidationException.ThrowIfAny(violations);

        var now = time.GetUtcNow();
        var stored = await store.AddPolicyAsync(
            new Policy(caller, draft.Id, draft.Kind!.Value, draft.Title, draft.Body, draft.Condition, draft.ValidFrom!.Value, draft.ValidUntil!.Value, now),
            new AuditEntry(now, caller, string.Empty, AuditActions.PolicyPublish, [], [], string.Empty, requestId, "ok", $"policy {draft.Id}"),
            cancellationToken);
        published.Notify();
        return stored;
    }

    /// <summary>
    /// Counts the enterprises a draft selects now and lists the first of them. The caller must be
    /// able to read every fact type the condition reads: the answer discloses them.
    /// </summary>
    public async Task<PolicyReach> PreviewAsync(
        ReadContext caller, string condition, int sampleSize, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        caller.Validate(violations);
        var compiled = Compile(condition, violations);
        if (sampleSize is < 0 or > MaxSample)
        {
            violations.Add(new FieldViolation("sample_size", $"must be between 0 and {MaxSample} (0 for 20)"));
        }

        HubValidationException.ThrowIfAny(violations);
        var access = await policy.ForAsync(caller.Caller, cancellationToken);
        var hidden = compiled!.FactTypes.Where(t => !access.CanRead(t)).Order(StringComparer.Ordinal).ToList();
        if (hidden.Count > 0)
        {
            throw new HubPermissionException(
                "FACT_TYPE_NOT_READABLE", $"a preview discloses what the condition reads; '{caller.Caller}' may not read {string.Join(", ", hidden)}");
        }

        var size = sampleSize == 0 ? 20 : sampleSize;
        var now = time.GetUtcNow();
        var sample = new List<EnterpriseFacts>(size);
        long count = 0, examined = 0;
        await foreach (var page in scan.AllAsync(compiled.FactTypes, cancellationToken))
        {
            examined += page.Count;
            foreach (var enterprise in page.Where(e => compiled.Matches(e.Enterprise, e.Zone, e.Facts, now)))
            {
                count++;
                if (sample.Count < size)
                {
                    sample.Add(enterprise);
                }
            }
        }

        await audit.RecordAsync(new AuditEntry(
            now, caller.Caller, caller.OfficerId, AuditActions.Read, [.. sample.Select(s => s.Enterprise.Uscc)], [.. compiled.FactTypes],
            caller.Purpose, caller.RequestId, "ok", $"policy preview: {count} enterprises"));
        return new PolicyReach(count, sample, examined);
    }

    public Task<IReadOnlyList<Policy>> ListAsync(string caller, CancellationToken cancellationToken) =>
        store.ListPoliciesAsync(caller, cancellationToken);

    private PolicyCondition? Compile(string condition, List<FieldViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(condition) || condition.Length > MaxCondition)
        {
            violations.Add(new FieldViolation("condition", $"is required, at most {MaxCondition} characters"));
            return null;
        }

        try
        {
            return PolicyCondition.Parse(condition, catalog.All);
        }
        catch (ConditionException invalid)
        {
            violations.AddRange(invalid.Problems.Select(p => new FieldViolation("condition", $"line {p.Line}, column {p.Column}: {p.Reason}")));
            return null;
        }
    }

    private static void Text(string value, string field, int max, List<FieldViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            violations.Add(new FieldViolation(field, $"is required, at most {max} characters"));
        }
        else if (TextRules.HasControlCharacters(value))
        {
            violations.Add(new FieldViolation(field, TextRules.ControlCharactersProblem));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
