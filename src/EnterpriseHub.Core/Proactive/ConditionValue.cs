using System.Globalization;
using System.Text;
using System.Text.Json;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Proactive;

internal enum ValueKind
{
    /// <summary>A missing fact, a missing or null attribute, or one not of its field's type.</summary>
    Unknown,
    String,
    Number,
    Boolean,
    Date,
}

/// <summary>A value while a condition is evaluated; enum values are strings.</summary>
internal readonly record struct ConditionValue(ValueKind Kind, string Text = "", decimal Number = 0, bool Flag = false, DateOnly Day = default)
{
    public static ConditionValue Unknown => default;

    public static ConditionValue Of(string text) => new(ValueKind.String, Text: text);

    public static ConditionValue Of(decimal number) => new(ValueKind.Number, Number: number);

    public static ConditionValue Of(bool flag) => new(ValueKind.Boolean, Flag: flag);

    public static ConditionValue Of(DateOnly day) => new(ValueKind.Date, Day: day);

    /// <summary>
    /// An attribute as a value of its field's <paramref name="type"/>: the one reading of stored JSON
    /// every condition shares. Unknown when null or not of the field's type (a string where a number
    /// belongs, a date that is no calendar day).
    /// </summary>
    public static ConditionValue Of(JsonElement value, FieldType type) => type switch
    {
        FieldType.String or FieldType.Enum when value.ValueKind == JsonValueKind.String => Of(value.GetString()!),
        FieldType.Integer or FieldType.Decimal when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) => Of(number),
        FieldType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False => Of(value.GetBoolean()),
        FieldType.Date when value.ValueKind == JsonValueKind.String && TryDate(value.GetString(), out var day) => Of(day),
        _ => Unknown,
    };

    /// <summary>Whether the value selects: only a known true does.</summary>
    public bool IsTrue => Kind == ValueKind.Boolean && Flag;

    /// <summary>
    /// The sign of this minus <paramref name="other"/>, both known and of one kind (the type checker
    /// sees to that): strings by ordinal, numbers exactly, dates by day, false before true.
    /// </summary>
    public int CompareTo(ConditionValue other) => Kind switch
    {
        ValueKind.String => Math.Sign(string.CompareOrdinal(Text, other.Text)),
        ValueKind.Number => Number.CompareTo(other.Number),
        ValueKind.Boolean => Flag.CompareTo(other.Flag),
        ValueKind.Date => Day.CompareTo(other.Day),
        _ => throw new InvalidOperationException("Unknown values do not compare."),
    };

    /// <summary>The value as the canonical form of a condition spells it.</summary>
    public void Write(StringBuilder text)
    {
        switch (Kind)
        {
            case ValueKind.String:
                text.Append('"').Append(Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case ValueKind.Number:
                // Without trailing zeros, so 100 and 100.0 read alike.
                text.Append((Number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
                break;
            case ValueKind.Boolean:
                text.Append(Flag ? "true" : "false");
                break;
            case ValueKind.Date:
                text.Append("date(\"").Append(Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\")");
                break;
            default:
                text.Append("unknown");
                break;
        }
    }

    public static bool TryDate(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
