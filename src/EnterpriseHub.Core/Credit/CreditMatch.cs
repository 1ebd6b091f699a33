using System.Globalization;
using System.Text.Json;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Credit;

/// <summary>How conditions, keys and weights read a fact's attributes.</summary>
internal static class CreditMatch
{
    /// <summary>
    /// Whether the condition holds. A missing, null or ill-typed attribute never equals a value, so
    /// only <c>ne</c> holds on it.
    /// </summary>
    public static bool Holds(CreditCondition condition, JsonElement attributes)
    {
        var present = TryGet(attributes, condition.Field, out var value);
        if (condition.Operator == CreditOperator.In)
        {
            return present && condition.Values.Any(expected => Compare(value, condition.FieldType, expected) == 0);
        }

        var order = present ? Compare(value, condition.FieldType, condition.Values[0]) : null;
        return condition.Operator switch
        {
            CreditOperator.Eq => order == 0,
            CreditOperator.Ne => order != 0,
            CreditOperator.Gt => order > 0,
            CreditOperator.Ge => order >= 0,
            CreditOperator.Lt => order < 0,
            CreditOperator.Le => order <= 0,
            _ => false,
        };
    }

    /// <summary>The value of an <c>each</c> key field, or null when the fact lacks it.</summary>
    public static string? Key(JsonElement attributes, string field) =>
        !TryGet(attributes, field, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? "s" + value.GetString()
        : value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? "n" + CreditSpelling.Of(number)
        : "j" + value.GetRawText();

    /// <summary>The signal's weight, rounded to 2 places.</summary>
    public static decimal Weight(CreditWeight weight, JsonElement attributes)
    {
        var value = weight switch
        {
            CreditWeight.Fixed fixedWeight => fixedWeight.Value,
            CreditWeight.ByField byField when TryGet(attributes, byField.Field, out var field)
                && field.ValueKind == JsonValueKind.Number && field.TryGetDecimal(out var number) => PerField(number, byField),
            _ => 0m,
        };

        return Math.Round(value, 2, MidpointRounding.AwayFromZero);
    }

    private static decimal PerField(decimal value, CreditWeight.ByField weight)
    {
        if (value <= 0)
        {
            return 0;
        }

        try
        {
            return Math.Min(weight.Max, value / weight.Per);
        }
        catch (OverflowException)
        {
            // The quotient is beyond decimal's range, so beyond any cap; a stored fact must never fail an evaluation.
            return weight.Max;
        }
    }

    private static bool TryGet(JsonElement attributes, string field, out JsonElement value)
    {
        value = default;
        return attributes.ValueKind == JsonValueKind.Object
            && attributes.TryGetProperty(field, out value)
            && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>The sign of attribute minus expected, or null when the attribute is not of the field's type.</summary>
    private static int? Compare(JsonElement actual, FieldType type, string expected)
    {
        switch (type)
        {
            case FieldType.String or FieldType.Enum when actual.ValueKind == JsonValueKind.String:
                return Math.Sign(string.CompareOrdinal(actual.GetString(), expected));
            case FieldType.Boolean when actual.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return (actual.ValueKind == JsonValueKind.True ? "true" : "false") == expected ? 0 : 1;
            case FieldType.Integer or FieldType.Decimal when actual.ValueKind == JsonValueKind.Number && actual.TryGetDecimal(out var number):
                return number.CompareTo(decimal.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture));
            case FieldType.Date when actual.ValueKind == JsonValueKind.String && CreditSpelling.TryDate(actual.GetString(), out var date)
                && CreditSpelling.TryDate(expected, out var expectedDate):
                return date.CompareTo(expectedDate);
            default:
                return null;
        }
    }
}
