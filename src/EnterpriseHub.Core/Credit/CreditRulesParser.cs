using System.Text.Json;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// Turns the parsed rules file into <see cref="CreditRules"/>, collecting every problem rather than
/// stopping at the first. What it returns is only meaningful when <see cref="LineJsonParser.Problems"/> is empty.
/// </summary>
internal sealed partial class CreditRulesParser(string source, IReadOnlyCollection<FactTypeDefinition> catalog)
    : LineJsonParser(source)
{
    /// <summary>A window longer than a century is a typo, and would overflow a date.</summary>
    private const int MaxWindowDays = 36_500;

    private static readonly string[] TopKeys = ["version", "thresholds", "floors", "rules"];
    private static readonly string[] ThresholdKeys = ["B", "C", "D"];
    private static readonly string[] FloorKeys = ["low", "medium", "high", "severe"];
    private static readonly string[] RuleKeys = ["name", "factType", "when", "severity", "weight", "windowDays", "each", "reason"];

    private readonly Dictionary<string, FactTypeDefinition> types =
        catalog.DistinctBy(type => type.Name).ToDictionary(type => type.Name, StringComparer.Ordinal);

    public CreditRules Read(LineJson root)
    {
        var empty = new CreditThresholds(0, 0, 0);
        if (Object(root, "", TopKeys) is not { } top)
        {
            return new CreditRules(0, empty, new Dictionary<Severity, CreditLevel>(), []);
        }

        var version = PositiveInteger(Member(top, root, "", "version", required: true), "version") ?? 0;
        var thresholds = Thresholds(Member(top, root, "", "thresholds", required: true)) ?? empty;
        var floors = Floors(Member(top, root, "", "floors", required: false));
        var rules = new List<CreditRule>();
        var rulesNode = Member(top, root, "", "rules", required: true);
        var items = List(rulesNode, "rules") ?? [];
        if (rulesNode?.Kind == JsonValueKind.Array && items.Count == 0)
        {
            Problem(rulesNode.Line, "rules", "must list at least one rule");
        }

        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (Rule(items[i], $"rules[{i}]", firstLines) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return new CreditRules(version, thresholds, floors, rules);
    }

    private CreditThresholds? Thresholds(LineJson? node)
    {
        if (node is null || Object(node, "thresholds", ThresholdKeys) is not { } properties)
        {
            return null;
        }

        var b = Threshold(properties, node, "B");
        var c = Threshold(properties, node, "C");
        var d = Threshold(properties, node, "D");
        if (b is not null && c is not null && c <= b)
        {
            Problem(properties["C"].Line, "thresholds.C", $"must be above B ({CreditSpelling.Of(b.Value)}): levels rise with the score");
        }

        if ((c ?? b) is { } below && d is not null && d <= below)
        {
            var name = c is null ? "B" : "C";
            Problem(properties["D"].Line, "thresholds.D", $"must be above {name} ({CreditSpelling.Of(below)}): levels rise with the score");
        }

        return new CreditThresholds(b ?? 0, c ?? 0, d ?? 0);
    }

    private decimal? Threshold(Dictionary<string, LineProperty> properties, LineJson owner, string level)
    {
        var path = Join("thresholds", level);
        var node = Member(properties, owner, "thresholds", level, required: true);
        return Positive(node, path);
    }

    private Dictionary<Severity, CreditLevel> Floors(LineJson? node)
    {
        var floors = new Dictionary<Severity, CreditLevel>();
        if (node is null || Object(node, "floors", FloorKeys) is not { } properties)
        {
            return floors;
        }

        foreach (var (name, property) in properties)
        {
            var path = Join("floors", name);
            if (String(property.Value, path, nonBlank: false) is not { } text)
            {
                continue;
            }

            if (CreditSpelling.Level(text) is { } level)
            {
                floors[CreditSpelling.Severity(name)!.Value] = level;
            }
            else
            {
                Problem(property.Value.Line, path, $"'{text}' is not one of: {CreditSpelling.LevelChoices}");
            }
        }

        return floors;
    }

    private decimal? Positive(LineJson? node, string path)
    {
        var value = Number(node, path);
        if (value is <= 0)
        {
            Problem(node!.Line, path, "must be above zero");
            return null;
        }

        return value;
    }
}
