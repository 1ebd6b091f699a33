using System.Globalization;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Credit;

/// <summary>How severities, levels, operators and values are spelled in the rules file.</summary>
internal static class CreditSpelling
{
    public const string SeverityChoices = "low, medium, high, severe";
    public const string LevelChoices = "A, B, C, D";
    public const string OperatorChoices = "eq, ne, gt, ge, lt, le, in";

    public static string Of(Severity severity) => severity.ToString().ToLowerInvariant();

    public static string Of(CreditOperator op) => op.ToString().ToLowerInvariant();

    public static Severity? Severity(string text) => text switch
    {
        "low" => Credit.Severity.Low,
        "medium" => Credit.Severity.Medium,
        "high" => Credit.Severity.High,
        "severe" => Credit.Severity.Severe,
        _ => null,
    };

    public static CreditLevel? Level(string text) => text switch
    {
        "A" => CreditLevel.A,
        "B" => CreditLevel.B,
        "C" => CreditLevel.C,
        "D" => CreditLevel.D,
        _ => null,
    };

    public static CreditOperator? Operator(string text) => text switch
    {
        "eq" => CreditOperator.Eq,
        "ne" => CreditOperator.Ne,
        "gt" => CreditOperator.Gt,
        "ge" => CreditOperator.Ge,
        "lt" => CreditOperator.Lt,
        "le" => CreditOperator.Le,
        "in" => CreditOperator.In,
        _ => null,
    };

    /// <summary>Whether <paramref name="op"/> orders values of <paramref name="type"/>; equality applies to every type.</summary>
    public static bool Fits(CreditOperator op, FieldType type) =>
        op is CreditOperator.Eq or CreditOperator.Ne or CreditOperator.In
        || type is FieldType.Integer or FieldType.Decimal or FieldType.Date;

    /// <summary>The decimal without trailing zeros, so 10 and 10.0 read alike.</summary>
    public static string Of(decimal value) =>
        (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
