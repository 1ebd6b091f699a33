using System.Text.Json;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Tests.Credit;

/// <summary>A catalog, rules and facts for the credit tests, built here so they do not depend on the shipped files.</summary>
internal static class CreditTestData
{
    public const string Source = "rules.json";
    public const string Uscc = "91440101MA59XXXX0X";

    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<FactTypeDefinition> Types =
    [
        Type("court.dishonest_debtor",
            new("case_number", FieldType.String, true, 64, [], ""),
            new("court", FieldType.String, true, 100, [], ""),
            new("amount", FieldType.Decimal, false, null, [], ""),
            new("status", FieldType.Enum, false, null, ["listed", "lifted"], "")),
        Type("amr.abnormal_operations",
            new("listed", FieldType.Boolean, true, null, [], ""),
            new("reason", FieldType.String, false, 200, [], ""),
            new("decided", FieldType.Date, false, null, [], "")),
        Type("amr.administrative_penalty",
            new("decision_number", FieldType.String, true, 64, [], ""),
            new("amount", FieldType.Decimal, false, null, [], ""),
            new("decided", FieldType.Date, true, null, [], ""),
            new("reason", FieldType.String, false, 500, [], "")),
        Type("tax.credit_grade",
            new("grade", FieldType.Enum, true, null, ["A", "B", "M", "C", "D"], ""),
            new("year", FieldType.Integer, true, null, [], "")),
        Type("tax.arrears",
            new("amount", FieldType.Decimal, true, null, [], ""),
            new("currency", FieldType.Enum, false, null, ["CNY"], ""),
            new("as_of", FieldType.Date, false, null, [], "")),
        Type("customs.credit_class",
            new FieldSchema("class", FieldType.Enum, true, null, ["advanced", "general", "dishonest"], "")),
        Type("amr.sample",
            new("name", FieldType.String, false, 10, [], ""),
            new("count", FieldType.Integer, false, null, [], ""),
            new("amount", FieldType.Decimal, false, null, [], ""),
            new("active", FieldType.Boolean, false, null, [], ""),
            new("day", FieldType.Date, false, null, [], ""),
            new("status", FieldType.Enum, false, null, ["open", "shut"], "")),
    ];

    /// <summary>The shipped rules' content, against <see cref="Catalog"/>.</summary>
    public const string StandardRules = """
        {
          "version": 1,
          "thresholds": { "B": 10, "C": 40, "D": 80 },
          "floors": { "medium": "B", "high": "C", "severe": "D" },
          "rules": [
            { "name": "dishonest_debtor", "factType": "court.dishonest_debtor", "when": "!(court.dishonest_debtor.status == \"lifted\")",
              "severity": "severe", "weight": 100, "reason": "On the courts' list of dishonest judgment debtors" },
            { "name": "abnormal_operations", "factType": "amr.abnormal_operations", "when": "amr.abnormal_operations.listed == true",
              "severity": "high", "weight": 40, "reason": "On the abnormal-operations list" },
            { "name": "tax_grade_d", "factType": "tax.credit_grade", "when": "tax.credit_grade.grade == \"D\"",
              "severity": "high", "weight": 40, "reason": "Tax credit grade D" },
            { "name": "tax_arrears", "factType": "tax.arrears", "when": "tax.arrears.amount > 100000",
              "severity": "medium", "weight": 20, "reason": "Owes more than 100,000 CNY in tax" },
            { "name": "customs_dishonest", "factType": "customs.credit_class", "when": "customs.credit_class.class == \"dishonest\"",
              "severity": "high", "weight": 40, "reason": "Dishonest enterprise for customs" },
            { "name": "administrative_penalty", "factType": "amr.administrative_penalty", "each": "decision_number", "windowDays": 365,
              "severity": "medium", "weight": { "field": "amount", "per": 10000, "max": 30 }, "reason": "Administrative penalty in the last 12 months" }
          ]
        }
        """;

    public static CreditRules Standard { get; } = Parse(StandardRules);

    public static CreditRules Parse(string json) => CreditRulesFile.Parse(json, Source, Types);

    /// <summary>A file whose lines are fixed: version on 2, thresholds on 3, floors on 4, each rule on a line of its own from 6.</summary>
    public static string File(
        string version = "\"version\": 1,",
        string thresholds = "\"thresholds\": { \"B\": 10, \"C\": 40, \"D\": 80 },",
        string floors = "\"floors\": { \"medium\": \"B\", \"high\": \"C\", \"severe\": \"D\" },",
        params string[] rules) =>
        "{\n  " + version + "\n  " + thresholds + "\n  " + floors + "\n  \"rules\": [\n    "
        + string.Join(",\n    ", rules.Length == 0 ? [Rule()] : rules) + "\n  ]\n}\n";

    /// <summary>One rule on one line, with defaults for the parts a test does not care about; <paramref name="when"/> as the condition's text, quoted here.</summary>
    public static string Rule(
        string name = "r",
        string factType = "amr.sample",
        string? when = null,
        string severity = "medium",
        string weight = "20",
        string extra = "") =>
        $$"""{ "name": "{{name}}", "factType": "{{factType}}", {{(when is null ? "" : $"\"when\": {JsonSerializer.Serialize(when)}, ")}}"severity": "{{severity}}", "weight": {{weight}}, "reason": "Why"{{extra}} }""";

    public static Fact Fact(string factType, string attributesJson, DateTimeOffset effective, long sequence, string? record = null) =>
        new(Uscc, factType, attributesJson, effective, factType.Split('.')[0], record ?? $"rec-{sequence}", effective.AddMinutes(1), sequence);

    private static FactTypeDefinition Type(string name, params FieldSchema[] fields) =>
        new(name, SharingClass.Unconditional, name, name, 1, fields);
}
