using System.Text.Json;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// Applies the rules to one enterprise's facts at one moment. Pure: no clock, no I/O, and the same
/// input (in any order) gives an equal profile, so every replica and every rebuild from the feed
/// agrees on a level.
/// </summary>
public static class CreditEvaluator
{
    /// <param name="facts">
    /// The enterprise's stored facts of <see cref="CreditRules.FactTypes"/>, history included, in any
    /// order; facts of other types are ignored.
    /// </param>
    /// <param name="now">The moment evaluated; facts effective after it are not yet in force.</param>
    public static CreditProfile Evaluate(CreditRules rules, string uscc, IReadOnlyList<Fact> facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(uscc);
        ArgumentNullException.ThrowIfNull(facts);

        DateTimeOffset? nextChange = null;
        var inForce = new Dictionary<string, List<Fact>>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            if (!rules.FactTypes.Contains(fact.FactType))
            {
                continue;
            }

            if (fact.EffectiveTime > now)
            {
                // The fact will supersede or add one: the profile may change when it takes effect.
                nextChange = Earliest(nextChange, fact.EffectiveTime);
                continue;
            }

            if (!inForce.TryGetValue(fact.FactType, out var list))
            {
                inForce[fact.FactType] = list = [];
            }

            list.Add(fact);
        }

        using var attributes = new CreditAttributes();
        var view = new CreditFactView();
        var signals = new List<CreditSignal>();
        foreach (var rule in rules.Rules)
        {
            if (!inForce.TryGetValue(rule.FactType, out var candidates))
            {
                continue;
            }

            foreach (var fact in Counted(rule, candidates, attributes))
            {
                if (Signal(rule, fact, attributes.Of(fact), view, now) is { } signal)
                {
                    signals.Add(signal);
                    nextChange = signal.EndsAt is { } endsAt ? Earliest(nextChange, endsAt) : nextChange;
                }
            }
        }

        signals.Sort(Gravest);
        var score = signals.Sum(signal => signal.Weight);
        var level = rules.LevelFor(score);
        foreach (var signal in signals)
        {
            level = (CreditLevel)Math.Max((int)level, (int)rules.FloorFor(signal.Severity));
        }

        return new CreditProfile(uscc, level, score, signals, nextChange, rules.Version);
    }

    /// <summary>The facts a rule looks at: the type's current fact, or with <c>each</c> the current fact of every key.</summary>
    private static IEnumerable<Fact> Counted(CreditRule rule, List<Fact> candidates, CreditAttributes attributes)
    {
        if (rule.Each is not { } each)
        {
            return [candidates.MaxBy(Position)!];
        }

        var latest = new Dictionary<string, Fact>(StringComparer.Ordinal);
        foreach (var fact in candidates)
        {
            // A fact without the key field is an event of its own.
            var key = CreditMatch.Key(attributes.Of(fact), each) ?? "\0" + fact.Sequence;
            if (!latest.TryGetValue(key, out var known) || Position(fact).CompareTo(Position(known)) > 0)
            {
                latest[key] = fact;
            }
        }

        return latest.Values;
    }

    private static CreditSignal? Signal(CreditRule rule, Fact fact, JsonElement attributes, CreditFactView view, DateTimeOffset now)
    {
        DateTimeOffset? endsAt = rule.WindowDays is { } days ? fact.EffectiveTime.AddDays(days) : null;
        if (endsAt <= now)
        {
            return null;
        }

        view.Attributes = attributes;
        if (rule.When is { } when && !when.Holds(view))
        {
            return null;
        }

        var reference = new FactRef(fact.FactType, fact.Publisher, fact.SourceRecordId, fact.Sequence, fact.EffectiveTime, fact.PublishTime);
        return new CreditSignal(rule.Name, rule.Severity, CreditMatch.Weight(rule.Weight, attributes), rule.Reason, reference, endsAt);
    }

    /// <summary>The hub's order of facts of one type: the greatest (effective time, sequence) is current.</summary>
    private static (DateTimeOffset, long) Position(Fact fact) => (fact.EffectiveTime, fact.Sequence);

    private static int Gravest(CreditSignal x, CreditSignal y)
    {
        var order = y.Severity.CompareTo(x.Severity);
        order = order != 0 ? order : string.CompareOrdinal(x.Rule, y.Rule);
        order = order != 0 ? order : x.Fact.EffectiveTime.CompareTo(y.Fact.EffectiveTime);
        return order != 0 ? order : x.Fact.Sequence.CompareTo(y.Fact.Sequence);
    }

    private static DateTimeOffset Earliest(DateTimeOffset? known, DateTimeOffset candidate) =>
        known is { } value && value <= candidate ? value : candidate;
}
