using System.Text.Json;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Core.Credit;

/// <summary>One rule of the rules file, checked against its fact type's schema.</summary>
internal sealed partial class CreditRulesParser
{
    private static readonly string[] WeightKeys = ["field", "per", "max"];

    private CreditRule? Rule(LineJson node, string path, Dictionary<string, int> firstLines)
    {
        if (Object(node, path, RuleKeys) is not { } properties)
        {
            return null;
        }

        var name = UniqueName(properties, node, path, firstLines, "rule");

        var typeNode = Member(properties, node, path, "factType", required: true);
        var typeName = String(typeNode, Join(path, "factType"), nonBlank: false);
        FactTypeDefinition? type = null;
        if (typeName is not null && !types.TryGetValue(typeName, out type))
        {
            Problem(typeNode!.Line, Join(path, "factType"), $"'{typeName}' is not a fact type in the catalog");
        }

        var when = When(Member(properties, node, path, "when", required: false), Join(path, "when"), type);
        var severity = SeverityOf(Member(properties, node, path, "severity", required: true), Join(path, "severity"));
        var weight = Weight(Member(properties, node, path, "weight", required: true), Join(path, "weight"), type);
        var windowDays = WindowDays(Member(properties, node, path, "windowDays", required: false), Join(path, "windowDays"));
        var eachNode = Member(properties, node, path, "each", required: false);
        var each = String(eachNode, Join(path, "each"), nonBlank: false);
        if (each is not null && type is not null && type.Field(each) is null)
        {
            Problem(eachNode!.Line, Join(path, "each"), $"'{each}' is not a field of {type.Name}");
        }

        var reason = String(Member(properties, node, path, "reason", required: true), Join(path, "reason"), nonBlank: true);
        return new CreditRule(
            name ?? "", typeName ?? "", when, severity ?? Severity.Low, weight ?? new CreditWeight.Fixed(0), windowDays, each, reason ?? "");
    }

    /// <summary>The condition, checked against the rule's fact type once that is known; its problems carry their column.</summary>
    private CreditCondition? When(LineJson? node, string path, FactTypeDefinition? type)
    {
        if (String(node, path, nonBlank: true) is not { } text || type is null)
        {
            return null;
        }

        try
        {
            return CreditCondition.Parse(text, type.Name, types.Values);
        }
        catch (ConditionException e)
        {
            ConditionProblems(node!, path, e);
            return null;
        }
    }

    private Severity? SeverityOf(LineJson? node, string path)
    {
        if (String(node, path, nonBlank: false) is not { } text)
        {
            return null;
        }

        var severity = CreditSpelling.Severity(text);
        if (severity is null)
        {
            Problem(node!.Line, path, $"'{text}' is not one of: {CreditSpelling.SeverityChoices}");
        }

        return severity;
    }

    private CreditWeight? Weight(LineJson? node, string path, FactTypeDefinition? type)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Kind == JsonValueKind.Number)
        {
            return Positive(node, path) is { } value ? new CreditWeight.Fixed(value) : null;
        }

        if (node.Kind != JsonValueKind.Object)
        {
            Problem(node.Line, path, "must be a number above zero, or { field, per, max }");
            return null;
        }

        var properties = Object(node, path, WeightKeys)!;
        var fieldNode = Member(properties, node, path, "field", required: true);
        var field = String(fieldNode, Join(path, "field"), nonBlank: false);
        if (field is not null && type is not null)
        {
            if (type.Field(field) is not { } schema)
            {
                Problem(fieldNode!.Line, Join(path, "field"), $"'{field}' is not a field of {type.Name}");
            }
            else if (schema.Type is not (FieldType.Integer or FieldType.Decimal))
            {
                Problem(fieldNode!.Line, Join(path, "field"), $"'{field}' is {CatalogSpelling.Of(schema.Type)}; a weight needs an integer or decimal field");
            }
        }

        var per = Positive(Member(properties, node, path, "per", required: true), Join(path, "per"));
        var max = Positive(Member(properties, node, path, "max", required: true), Join(path, "max"));
        return field is null || per is null || max is null ? null : new CreditWeight.ByField(field, per.Value, max.Value);
    }

    private int? WindowDays(LineJson? node, string path)
    {
        var days = PositiveInteger(node, path);
        if (days > MaxWindowDays)
        {
            Problem(node!.Line, path, $"must be at most {MaxWindowDays} days");
            return null;
        }

        return days;
    }
}
