using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Lookup;

namespace EnterpriseHub.Core.Credit;

/// <summary>A profile as a reader sees it: the rating and the objections against its signals.</summary>
public sealed record CreditView(CreditProfile Profile, IReadOnlyList<CreditObjection> Objections);

/// <summary>An enterprise on a risk list, with its registered name.</summary>
public sealed record RiskEntry(CreditProfile Profile, string Name);

/// <summary>
/// Reads of credit data: the supervision readers, and the portal for the enterprise it acts for
/// (the access table admits no one else). Every read states its purpose and officer and is audited as a read of
/// the enterprise (so it appears in the enterprise's access log), naming the fact types behind
/// the signals it disclosed.
/// </summary>
public sealed class CreditReader(
    ICreditStore store, IFactStore facts, CreditRules rules, UsccParser usccParser, ZoneDirectory zones,
    AuditTrail audit, AlertSignal signal, TimeProvider time)
{
    /// <summary>The name under which credit reads appear in audit records.</summary>
    public const string AuditedAs = "credit";

    public const int DefaultHeartbeatSeconds = 15;

    public async Task<CreditView> GetAsync(ReadContext context, string uscc, CancellationToken cancellationToken)
    {
        var violations = Validate(context);
        if (!usccParser.TryParse(uscc, out var code, out var problem))
        {
            violations.Add(new FieldViolation("uscc", problem));
        }

        HubValidationException.ThrowIfAny(violations);
        var profile = await store.GetCreditProfileAsync(code.Value, cancellationToken);
        if (profile is null && await facts.GetEnterpriseAsync(code.Value, cancellationToken) is null)
        {
            await RecordAsync(context, [code.Value], [], "not_found");
            throw new HubNotFoundException("ENTERPRISE_NOT_FOUND", $"the hub holds no fact about {code.Value}");
        }

        profile ??= new CreditProfile(code.Value, CreditLevel.A, 0m, [], null, rules.Version);
        var objectionTypes = rules.FactTypes.Select(FactTypeName.Owner).Distinct()
            .SelectMany(d => new[] { ObjectionFacts.ObjectionType(d), ObjectionFacts.AnswerType(d) }).ToList();
        var objectionFacts = await facts.LoadFactsAsync([code.Value], objectionTypes, cancellationToken);
        var signalFacts = objectionFacts.Count == 0 ? [] : await facts.LoadFactsAsync([code.Value], rules.FactTypes, cancellationToken);
        await RecordAsync(context, [code.Value], Disclosed(profile), "ok");
        return new CreditView(profile, ObjectionFacts.Read(objectionFacts, signalFacts));
    }

    public async Task<Page<RiskEntry>> ListAsync(
        ReadContext context, CreditLevel? minLevel, string zone, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var violations = Validate(context);
        if (minLevel is null)
        {
            violations.Add(new FieldViolation("min_level", "is required: the best level to list (C lists C and D)"));
        }

        var divisions = ZoneDivisions(zone, violations);
        var size = Paging.Size(pageSize, violations);
        var after = pageToken.Length == 0 ? null : PageToken.Decode("risk", pageToken);
        if (pageToken.Length > 0 && after is null)
        {
            violations.Add(new FieldViolation("page_token", "is not a page token this hub issued"));
        }

        HubValidationException.ThrowIfAny(violations);
        var found = await store.ListCreditProfilesAsync(minLevel!.Value, divisions, after, size + 1, cancellationToken);
        var page = found.Take(size).ToList();
        var names = (await facts.GetEnterprisesAsync([.. page.Select(p => p.Uscc)], cancellationToken))
            .ToDictionary(r => r.Summary.Uscc, r => r.Summary.Name, StringComparer.Ordinal);
        await RecordAsync(context, [.. page.Select(p => p.Uscc)], [AuditedAs], "ok");
        var next = found.Count > size ? PageToken.Encode("risk", page[^1].Uscc) : string.Empty;
        return new Page<RiskEntry>([.. page.Select(p => new RiskEntry(p, names.GetValueOrDefault(p.Uscc, string.Empty)))], next);
    }

    /// <summary>Validates, authorises and audits a watch of alerts, and opens it.</summary>
    public async Task<CreditWatch> WatchAsync(
        ReadContext context, long afterSequence, string zone, CreditLevel? minLevel, int heartbeatSeconds, CancellationToken cancellationToken)
    {
        var violations = Validate(context);
        if (afterSequence < 0)
        {
            violations.Add(new FieldViolation("after_sequence", "must not be negative"));
        }

        var divisions = ZoneDivisions(zone, violations);
        if (heartbeatSeconds is < 0 or > 300)
        {
            violations.Add(new FieldViolation("heartbeat_seconds", "must be between 1 and 300 (0 for 15)"));
        }

        HubValidationException.ThrowIfAny(violations);
        await audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), context.Caller, context.OfficerId, AuditActions.Watch, [], [AuditedAs], context.Purpose,
            context.RequestId, "ok", $"risk alerts from {afterSequence}"));
        var heartbeat = TimeSpan.FromSeconds(heartbeatSeconds == 0 ? DefaultHeartbeatSeconds : heartbeatSeconds);
        return new CreditWatch(store, signal, time, afterSequence, divisions, minLevel, heartbeat);
    }

    private static List<FieldViolation> Validate(ReadContext context)
    {
        var violations = new List<FieldViolation>();
        context.Validate(violations);
        return violations;
    }

    private IReadOnlyList<string>? ZoneDivisions(string zone, List<FieldViolation> violations)
    {
        if (zone.Length == 0)
        {
            return null;
        }

        var divisions = zones.DivisionsOf(zone);
        if (divisions is null)
        {
            violations.Add(new FieldViolation("zone", $"'{zone}' is not a configured zone"));
        }

        return divisions;
    }

    private static List<string> Disclosed(CreditProfile profile) =>
        [AuditedAs, .. profile.Signals.Select(s => s.Fact.FactType).Distinct().Order(StringComparer.Ordinal)];

    private Task RecordAsync(ReadContext context, IReadOnlyList<string> usccs, IReadOnlyList<string> factTypes, string outcome) =>
        audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), context.Caller, context.OfficerId, AuditActions.Read, usccs, factTypes, context.Purpose,
            context.RequestId, outcome, "credit profile"));
}
