using System.Globalization;
using System.Text.Json;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Credit;

/// <summary>A rule's conditions: each names a field of the rule's fact type, an operator that fits it and values it could hold.</summary>
internal sealed partial class CreditRulesParser
{
    private static readonly string[] ConditionKeys = ["field", "op", "value"];

    private List<CreditCondition> Conditions(LineJson? node, string path, FactTypeDefinition? type)
    {
        var conditions = new List<CreditCondition>();
        var items = List(node, path) ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (Condition(items[i], $"{path}[{i}]", type) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return conditions;
    }

    private CreditCondition? Condition(LineJson node, string path, FactTypeDefinition? type)
    {
        if (Object(node, path, ConditionKeys) is not { } properties)
        {
            return null;
        }

        var fieldNode = Member(properties, node, path, "field", required: true);
        var fieldName = String(fieldNode, Join(path, "field"), nonBlank: false);
        var field = fieldName is null ? null : type?.Field(fieldName);
        if (fieldName is not null && type is not null && field is null)
        {
            Problem(fieldNode!.Line, Join(path, "field"), $"'{fieldName}' is not a field of {type.Name}");
        }

        var opNode = Member(properties, node, path, "op", required: true);
        CreditOperator? op = null;
        if (String(opNode, Join(path, "op"), nonBlank: false) is { } opText)
        {
            op = CreditSpelling.Operator(opText);
            if (op is null)
            {
                Problem(opNode!.Line, Join(path, "op"), $"'{opText}' is not one of: {CreditSpelling.OperatorChoices}");
            }
            else if (field is not null && !CreditSpelling.Fits(op.Value, field.Type))
            {
                Problem(opNode!.Line, Join(path, "op"), $"'{opText}' does not apply to {CatalogSpelling.Of(field.Type)} fields; use eq, ne or in");
            }
        }

        var valueNode = Member(properties, node, path, "value", required: true);
        if (valueNode is null || field is null || op is null)
        {
            return null;
        }

        var values = Values(valueNode, Join(path, "value"), field, op == CreditOperator.In);
        return values is null ? null : new CreditCondition(field.Name, field.Type, op.Value, values);
    }

    private List<string>? Values(LineJson node, string path, FieldSchema field, bool list)
    {
        if (!list)
        {
            if (node.Kind == JsonValueKind.Array)
            {
                Problem(node.Line, path, "must be a single value; only 'in' takes a list");
                return null;
            }

            return Value(node, path, field) is { } value ? [value] : null;
        }

        if (node.Kind != JsonValueKind.Array || node.Items.Count == 0)
        {
            Problem(node.Line, path, "must be a list of at least one value for 'in'");
            return null;
        }

        var values = new List<string>();
        for (var i = 0; i < node.Items.Count; i++)
        {
            if (Value(node.Items[i], $"{path}[{i}]", field) is { } value)
            {
                values.Add(value);
            }
        }

        return values.Count == node.Items.Count ? values : null;
    }

    /// <summary>The value as <see cref="CreditCondition.Values"/> holds it, or null after reporting why it cannot be one of the field's.</summary>
    private string? Value(LineJson node, string path, FieldSchema field)
    {
        var text = node.Text;
        var problem = field.Type switch
        {
            FieldType.String when node.Kind != JsonValueKind.String => "must be a string",
            FieldType.String when text!.Length > field.MaxLength => $"is longer than the field's maxLength {field.MaxLength}",
            FieldType.Enum when node.Kind != JsonValueKind.String || !field.EnumValues.Contains(text, StringComparer.Ordinal) =>
                $"{Quoted(node)}is not one of the field's values: {string.Join(", ", field.EnumValues)}",
            FieldType.Boolean when node.Kind is not (JsonValueKind.True or JsonValueKind.False) => "must be true or false",
            FieldType.Date when node.Kind != JsonValueKind.String || !CreditSpelling.TryDate(text, out _) => "must be a date YYYY-MM-DD",
            FieldType.Integer when NumberOf(node) is not { } number || number != decimal.Truncate(number) => "must be an integer",
            FieldType.Decimal when NumberOf(node) is null => "must be a number",
            _ => null,
        };

        if (problem is not null)
        {
            Problem(node.Line, path, problem);
            return null;
        }

        return field.Type switch
        {
            FieldType.Boolean => node.Kind == JsonValueKind.True ? "true" : "false",
            FieldType.Integer or FieldType.Decimal => CreditSpelling.Of(NumberOf(node)!.Value),
            _ => text,
        };
    }

    private static decimal? NumberOf(LineJson node) =>
        node.Kind == JsonValueKind.Number && decimal.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static string Quoted(LineJson node) => node.Kind == JsonValueKind.String ? $"'{node.Text}' " : "";
}
