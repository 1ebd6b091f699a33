using System.Text.Json;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// What a condition reads about one enterprise at one moment: the builtins and, of each fact type,
/// the current fact — the greatest (effective time, sequence) among facts in force at that moment.
/// Attributes are parsed once, however many conditions read them.
/// </summary>
internal sealed class ConditionFacts : IConditionFacts, IDisposable
{
    private readonly EnterpriseSummary enterprise;
    private readonly string zone;
    private readonly Dictionary<string, Fact> current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonDocument?> parsed = new(StringComparer.Ordinal);

    /// <param name="facts">History allowed, any order; facts effective after <paramref name="now"/> are not yet in force.</param>
    public ConditionFacts(EnterpriseSummary enterprise, string? zone, IReadOnlyList<Fact> facts, DateTimeOffset now)
    {
        this.enterprise = enterprise;
        this.zone = zone ?? "";
        foreach (var fact in facts)
        {
            if (fact.EffectiveTime <= now
                && (!current.TryGetValue(fact.FactType, out var known) || (fact.EffectiveTime, fact.Sequence).CompareTo((known.EffectiveTime, known.Sequence)) > 0))
            {
                current[fact.FactType] = fact;
            }
        }
    }

    public EnterpriseSummary Enterprise => enterprise;

    public bool Exists(string factType) => current.ContainsKey(factType);

    public ConditionValue Builtin(string name) => name switch
    {
        "zone" => ConditionValue.Of(zone),
        "division" => ConditionValue.Of(enterprise.Uscc.Length >= 8 ? enterprise.DivisionCode : ""),
        "industry" => ConditionValue.Of(enterprise.Industry),
        "name" => ConditionValue.Of(enterprise.Name),
        "uscc" => ConditionValue.Of(enterprise.Uscc),
        _ => ConditionValue.Unknown,
    };

    /// <summary>The current fact's attribute as a value of its field's type; unknown when missing, null or of another type.</summary>
    public ConditionValue Attribute(string factType, string field, FieldType type)
    {
        if (!Attributes(factType, out var attributes)
            || attributes.ValueKind != JsonValueKind.Object
            || !attributes.TryGetProperty(field, out var value))
        {
            return ConditionValue.Unknown;
        }

        return ConditionValue.Of(value, type);
    }

    public void Dispose()
    {
        foreach (var document in parsed.Values)
        {
            document?.Dispose();
        }
    }

    private bool Attributes(string factType, out JsonElement attributes)
    {
        attributes = default;
        if (!current.TryGetValue(factType, out var fact))
        {
            return false;
        }

        if (!parsed.TryGetValue(factType, out var document))
        {
            try
            {
                document = JsonDocument.Parse(fact.AttributesJson);
            }
            catch (JsonException)
            {
                // A stored fact must never fail an evaluation: its attributes are all unknown.
                document = null;
            }

            parsed[factType] = document;
        }

        attributes = document?.RootElement ?? default;
        return document is not null;
    }
}
