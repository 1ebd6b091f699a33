using System.Text.Json;

namespace EnterpriseHub.Core.Credit;

/// <summary>How keys and weights read a fact's attributes.</summary>
internal static class CreditMatch
{
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

}
