using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Lookup;
using EnterpriseHub.Core.Operations;

namespace EnterpriseHub.Core.Feed;

/// <summary>What a watch asks for.</summary>
/// <param name="HeartbeatSeconds">Seconds of silence before a heartbeat; 0 for the default.</param>
public sealed record WatchRequest(
    long AfterSequence, IReadOnlyList<string> FactTypes, IReadOnlyList<string> Usccs, string Zone, int HeartbeatSeconds);

/// <summary>Opens watches of the fact log: validates the request, checks who may watch what, and audits the opening.</summary>
public sealed class FactFeed(
    IFactStore store, FeedSignal signal, AccessPolicy policy, UsccParser usccParser, ZoneDirectory zones, AuditTrail audit, TimeProvider time,
    HubMetrics metrics)
{
    public const int MaxUsccs = 1000;
    public const int DefaultHeartbeatSeconds = 15;

    public async Task<FactWatch> OpenAsync(ReadContext context, WatchRequest request, CancellationToken cancellationToken)
    {
        var violations = Validate(context, request);
        HubValidationException.ThrowIfAny(violations);
        // A portal watches the one enterprise it acts for; the access table lets it name no other.
        IReadOnlyList<string> usccs = context.ActingFor.Length > 0 ? [context.ActingFor] : request.Usccs;

        await audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), context.Caller, context.OfficerId, AuditActions.Watch, usccs, request.FactTypes, context.Purpose,
            context.RequestId, "ok", $"from {request.AfterSequence}"));
        var filter = FeedFilter.For(request.FactTypes, usccs, request.Zone, zones);
        var heartbeat = TimeSpan.FromSeconds(request.HeartbeatSeconds == 0 ? DefaultHeartbeatSeconds : request.HeartbeatSeconds);
        return new FactWatch(store, signal, policy, time, context.Caller, filter, request.AfterSequence, heartbeat, metrics);
    }

    /// <summary>Every problem of a watch request, for a watch and for a subscription alike.</summary>
    public List<FieldViolation> Validate(ReadContext context, WatchRequest request)
    {
        var violations = new List<FieldViolation>();
        context.Validate(violations);
        if (request.AfterSequence < 0)
        {
            violations.Add(new FieldViolation("after_sequence", "must not be negative"));
        }

        for (var i = 0; i < request.FactTypes.Count; i++)
        {
            if (FactTypeName.Problem(request.FactTypes[i]) is { } problem)
            {
                violations.Add(new FieldViolation($"fact_types[{i}]", problem));
            }
        }

        if (request.Usccs.Count > MaxUsccs)
        {
            violations.Add(new FieldViolation("usccs", $"must name at most {MaxUsccs} enterprises"));
        }

        for (var i = 0; i < request.Usccs.Count && i < MaxUsccs; i++)
        {
            if (!usccParser.TryParse(request.Usccs[i], out _, out var problem))
            {
                violations.Add(new FieldViolation($"usccs[{i}]", problem));
            }
        }

        if (request.Zone.Length > 0 && zones.DivisionsOf(request.Zone) is null)
        {
            violations.Add(new FieldViolation("zone", $"'{request.Zone}' is not a configured zone"));
        }

        if (request.HeartbeatSeconds is < 0 or > 300)
        {
            violations.Add(new FieldViolation("heartbeat_seconds", "must be between 1 and 300 (0 for 15)"));
        }

        return violations;
    }
}

/// <summary>
/// The facts a watch wants: every non-empty criterion must hold. The one rule of what a watch or
/// a subscription carries: the feed filters with it, and whoever asks whether a subscription has
/// carried a fact (a form's pick-up) asks <see cref="Carries"/>.
/// </summary>
internal sealed class FeedFilter(IReadOnlyList<string> factTypes, IReadOnlyList<string> usccs, IReadOnlyList<string>? divisions)
{
    private readonly HashSet<string> types = new(factTypes, StringComparer.Ordinal);
    private readonly HashSet<string> enterprises = new(usccs, StringComparer.Ordinal);
    private readonly HashSet<string>? zone = divisions is null ? null : new(divisions, StringComparer.Ordinal);

    /// <summary>The filter of a watch or subscription; a zone no longer configured matches nothing.</summary>
    public static FeedFilter For(IReadOnlyList<string> factTypes, IReadOnlyList<string> usccs, string zone, ZoneDirectory zones) =>
        new(factTypes, usccs, zone.Length == 0 ? null : zones.DivisionsOf(zone) ?? []);

    /// <summary>
    /// Whether a subscription's events include <paramref name="fact"/>: it started before the fact
    /// and its filter matches it. (Whether it has processed it is its acknowledgement's business.)
    /// </summary>
    public static bool Carries(SubscriptionRecord subscription, Fact fact, ZoneDirectory zones) =>
        subscription.StartAfterSequence < fact.Sequence
        && For(subscription.FactTypes, subscription.Usccs, subscription.Zone, zones).Matches(fact);

    public bool Matches(Fact fact) =>
        (types.Count == 0 || types.Contains(fact.FactType))
        && (enterprises.Count == 0 || enterprises.Contains(fact.Uscc))
        && (zone is null || zone.Contains(fact.Uscc.Substring(2, 6)));
}
