using System.Globalization;

namespace EnterpriseHub.Core.Credit;

/// <summary>How severities, levels and numbers are spelled in the rules file.</summary>
internal static class CreditSpelling
{
    public const string SeverityChoices = "low, medium, high, severe";
    public const string LevelChoices = "A, B, C, D";

    public static string Of(Severity severity) => severity.ToString().ToLowerInvariant();

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

    /// <summary>The decimal without trailing zeros, so 10 and 10.0 read alike.</summary>
    public static string Of(decimal value) =>
        (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
