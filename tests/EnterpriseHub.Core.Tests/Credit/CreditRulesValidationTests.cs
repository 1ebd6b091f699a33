using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;
using static EnterpriseHub.Core.Tests.Credit.CreditTestData;

namespace EnterpriseHub.Core.Tests.Credit;

/// <summary>Every problem the rules file can have, each reported with its line and path.</summary>
public sealed class CreditRulesValidationTests
{
    // The rule sits alone on line 6 of the file, so every problem it has is on line 6.
    [Theory]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 1, "reason": "Why", "colour": "red" }""",
        "rules[0].colour: unknown property; expected one of: name, factType, when, severity, weight, windowDays, each, reason")]
    [InlineData("""{ "name": "r", "name": "s", "factType": "amr.sample", "severity": "low", "weight": 1, "reason": "Why" }""",
        "rules[0].name: appears more than once (first on line 6)")]
    [InlineData("""{ "factType": "amr.sample", "severity": "low", "weight": 1, "reason": "Why" }""", "rules[0].name: is required")]
    [InlineData("""{ "name": "r", "severity": "low", "weight": 1, "reason": "Why" }""", "rules[0].factType: is required")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "weight": 1, "reason": "Why" }""", "rules[0].severity: is required")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "reason": "Why" }""", "rules[0].weight: is required")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 1 }""", "rules[0].reason: is required")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 1, "reason": " " }""", "rules[0].reason: must not be empty")]
    [InlineData("""{ "name": "Tax-D", "factType": "amr.sample", "severity": "low", "weight": 1, "reason": "Why" }""",
        "rules[0].name: 'Tax-D' is not a rule name (lower case letters, digits and _, starting with a letter, at most 64 characters)")]
    [InlineData("""{ "name": 7, "factType": "amr.sample", "severity": "low", "weight": 1, "reason": "Why" }""", "rules[0].name: must be a string")]
    [InlineData("""{ "name": "r", "factType": "tax.nothing", "severity": "low", "weight": 1, "reason": "Why" }""",
        "rules[0].factType: 'tax.nothing' is not a fact type in the catalog")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "critical", "weight": 1, "reason": "Why" }""",
        "rules[0].severity: 'critical' is not one of: low, medium, high, severe")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 0, "reason": "Why" }""", "rules[0].weight: must be above zero")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": -5, "reason": "Why" }""", "rules[0].weight: must be above zero")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": "heavy", "reason": "Why" }""",
        "rules[0].weight: must be a number above zero, or { field, per, max }")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": { "field": "name", "per": 1, "max": 5 }, "reason": "Why" }""",
        "rules[0].weight.field: 'name' is string; a weight needs an integer or decimal field")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": { "field": "status", "per": 1, "max": 5 }, "reason": "Why" }""",
        "rules[0].weight.field: 'status' is enum; a weight needs an integer or decimal field")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": { "field": "fine", "per": 1, "max": 5 }, "reason": "Why" }""",
        "rules[0].weight.field: 'fine' is not a field of amr.sample")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": { "field": "amount", "per": 0, "max": -1 }, "reason": "Why" }""",
        "rules[0].weight.per: must be above zero", "rules[0].weight.max: must be above zero")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": { "field": "amount", "per": "1", "cap": 5 }, "reason": "Why" }""",
        "rules[0].weight.cap: unknown property; expected one of: field, per, max", "rules[0].weight.per: must be a number", "rules[0].weight.max: is required")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 1, "windowDays": 0, "reason": "Why" }""",
        "rules[0].windowDays: must be a positive integer")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 1, "windowDays": 1.5, "reason": "Why" }""",
        "rules[0].windowDays: must be a positive integer")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 1, "windowDays": 36501, "reason": "Why" }""",
        "rules[0].windowDays: must be at most 36500 days")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 1, "each": "number", "reason": "Why" }""",
        "rules[0].each: 'number' is not a field of amr.sample")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 1, "when": 5, "reason": "Why" }""",
        "rules[0].when: must be a string")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 1, "when": " ", "reason": "Why" }""",
        "rules[0].when: must not be empty")]
    [InlineData("""{ "name": "r", "factType": "amr.sample", "severity": "low", "weight": 1, "conditions": [ { "field": "count", "op": "gt", "value": 1 } ], "reason": "Why" }""",
        "rules[0].conditions: unknown property; expected one of: name, factType, when, severity, weight, windowDays, each, reason")]
    [InlineData("""[]""", "rules[0]: must be an object")]
    public void Parse_RuleProblem_ReportedOnItsLine(string rule, params string[] expected) =>
        AssertProblems(File(rules: rule), [.. expected.Select(problem => "6: " + problem)]);

    // The condition sits in a rule on line 6 of amr.sample {name string ≤ 10, count integer, amount decimal, active boolean, day date, status enum open|shut}.
    [Theory]
    // unknown names
    [InlineData("amr.sample.colour == \"red\"", "column 12: unknown field 'colour' of amr.sample")]
    [InlineData("zone == \"nansha\"",
        "column 1: unknown name 'zone'; this condition reads the fields of amr.sample, as amr.sample.<field>")]
    [InlineData("tax.arrears.amount > 1",
        "column 1: 'tax.arrears' is not amr.sample; this condition reads only the fields of the fact it is tested on, as amr.sample.<field>")]
    [InlineData("exists(amr.sample)", "column 1: exists(...) does not apply here: the condition is tested on a fact of amr.sample, which exists")]
    // wrong types
    [InlineData("amr.sample.count == \"5\"", "column 18: '==' cannot compare a number (amr.sample.count) with a string (\"5\")")]
    [InlineData("amr.sample.day > \"2025-02-01\"",
        "column 16: '>' cannot compare a date (amr.sample.day) with a string (\"2025-02-01\"); write a date as date(\"YYYY-MM-DD\")")]
    [InlineData("amr.sample.status >= \"open\"", "column 19: '>=' does not order amr.sample.status: an enum's values have no order; use in [...]")]
    [InlineData("amr.sample.active < true", "column 19: '<' does not order booleans; use == or !=")]
    [InlineData("amr.sample.count", "column 1: amr.sample.count is a number, not a condition; compare it with a value")]
    // literals a field can never hold
    [InlineData("amr.sample.status == \"closed\"", "column 22: \"closed\" is not a value of amr.sample.status; its values are: open, shut")]
    [InlineData("amr.sample.status in [\"open\", \"ajar\", 3]",
        "column 31: \"ajar\" is not a value of amr.sample.status; its values are: open, shut", "column 39: 3 is a number, but amr.sample.status is an enum")]
    [InlineData("amr.sample.name == \"eleven char\"", "column 20: \"eleven char\" is longer than the 10 characters amr.sample.name holds, so it never matches")]
    [InlineData("amr.sample.count == 1.5", "column 21: amr.sample.count holds integers, so it never equals 1.5")]
    [InlineData("amr.sample.day > date(\"2025-02-30\")", "column 23: \"2025-02-30\" is not a date; write date(\"YYYY-MM-DD\") with a real calendar day")]
    [InlineData("amr.sample.name in []", "column 20: an empty list matches nothing; list at least one value")]
    // syntax: the first error only
    [InlineData("amr.sample.count >", "column 19: expected a value, found the end of the condition")]
    [InlineData("amr.sample.name = \"x\"", "column 17: '=' is not an operator; compare with '=='")]
    [InlineData("amr.sample.count > 1 &&\n  amr.sample.count <", "line 2, column 21 of the condition: expected a value, found the end of the condition")]
    public void Parse_ConditionProblem_ReportedOnItsLineAndColumn(string when, params string[] expected) =>
        AssertProblems(File(rules: Rule(when: when)), [.. expected.Select(problem => "6: rules[0].when: " + problem)]);

    [Theory]
    [InlineData("\"thresholds\": { \"B\": 40, \"C\": 40, \"D\": 80 },", "3: thresholds.C: must be above B (40): levels rise with the score")]
    [InlineData("\"thresholds\": { \"B\": 10, \"C\": 90, \"D\": 80 },", "3: thresholds.D: must be above C (90): levels rise with the score")]
    [InlineData("\"thresholds\": { \"B\": 50, \"C\": -1, \"D\": 20 },", "3: thresholds.C: must be above zero", "3: thresholds.D: must be above B (50): levels rise with the score")]
    [InlineData("\"thresholds\": { \"B\": 0, \"C\": 40, \"D\": 80 },", "3: thresholds.B: must be above zero")]
    [InlineData("\"thresholds\": { \"B\": 10, \"C\": 40 },", "3: thresholds.D: is required")]
    [InlineData("\"thresholds\": { \"B\": 10, \"C\": 40, \"D\": 80, \"E\": 99 },", "3: thresholds.E: unknown property; expected one of: B, C, D")]
    [InlineData("\"thresholds\": { \"B\": \"10\", \"C\": 40, \"D\": 80 },", "3: thresholds.B: must be a number")]
    [InlineData("\"thresholds\": [10, 40, 80],", "3: thresholds: must be an object")]
    public void Parse_ThresholdProblem_ReportedOnItsLine(string thresholds, params string[] expected) =>
        AssertProblems(File(thresholds: thresholds), expected);

    [Theory]
    [InlineData("\"floors\": { \"critical\": \"D\" },", "4: floors.critical: unknown property; expected one of: low, medium, high, severe")]
    [InlineData("\"floors\": { \"high\": \"E\", \"severe\": \"d\" },", "4: floors.high: 'E' is not one of: A, B, C, D", "4: floors.severe: 'd' is not one of: A, B, C, D")]
    [InlineData("\"floors\": { \"high\": 3 },", "4: floors.high: must be a string")]
    public void Parse_FloorProblem_ReportedOnItsLine(string floors, params string[] expected) =>
        AssertProblems(File(floors: floors), expected);

    [Theory]
    [InlineData("\"version\": 0,", "2: version: must be a positive integer")]
    [InlineData("\"version\": \"1\",", "2: version: must be a positive integer")]
    [InlineData("\"revision\": 1,", "1: version: is required", "2: revision: unknown property; expected one of: version, thresholds, floors, rules")]
    public void Parse_VersionProblem_ReportedOnItsLine(string version, params string[] expected) =>
        AssertProblems(File(version: version), expected);

    [Theory]
    [InlineData("""{ "version": 1, "thresholds": { "B": 1, "C": 2, "D": 3 }, "rules": [] }""", "1: rules: must list at least one rule")]
    [InlineData("""{ "version": 1, "thresholds": { "B": 1, "C": 2, "D": 3 } }""", "1: rules: is required")]
    [InlineData("""{ "version": 1, "rules": {} }""", "1: thresholds: is required", "1: rules: must be a list")]
    [InlineData("""[]""", "1: must be an object")]
    [InlineData("{ \"version\": 1,\n  \"rules\": [ }", "2: not well-formed JSON: '}' is an invalid start of a value.")]
    public void Parse_FileProblem_Reported(string json, params string[] expected) =>
        AssertProblems(json, expected);

    [Theory]
    [InlineData("")]
    [InlineData("{ \"version\": 1 } trailing")]
    public void Parse_NotJson_OneSyntaxProblemOnLineOne(string json)
    {
        var error = Assert.Throws<RulesFileException>(() => Parse(json));

        Assert.StartsWith($"{Source}:1: not well-formed JSON: ", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateRuleNames_PointsAtTheFirst() =>
        AssertProblems(File(rules: [Rule(name: "twice"), Rule(name: "once"), Rule(name: "twice")]), "8: rules[2].name: 'twice' is already a rule, on line 6");

    [Fact]
    public void Parse_ManyProblems_AllReportedAtOnceInLineOrder()
    {
        const string json = """
            {
              "version": -1,
              "thresholds": { "B": 10, "C": 5, "D": 80 },
              "floors": { "high": "Z", "urgent": "D" },
              "rules": [
                {
                  "name": "debtor",
                  "factType": "court.dishonest_debtor",
                  "when": "court.dishonest_debtor.status == \"delisted\" && court.dishonest_debtor.amount > \"lots\" && court.dishonest_debtor.judge == \"x\"",
                  "severity": "dire",
                  "weight": 0,
                  "reason": "Listed"
                },
                {
                  "name": "debtor",
                  "factType": "court.nothing",
                  "severity": "high",
                  "weight": { "field": "case_number", "per": 10, "max": 5 },
                  "windowDays": -3,
                  "reason": "Unknown"
                },
                {
                  "name": "penalty",
                  "factType": "amr.administrative_penalty",
                  "each": "decision_no",
                  "severity": "medium",
                  "weight": { "field": "reason", "per": 10000, "max": 0 },
                  "note": "x"
                }
              ]
            }
            """;

        AssertProblems(json,
            "2: version: must be a positive integer",
            "3: thresholds.C: must be above B (10): levels rise with the score",
            "4: floors.urgent: unknown property; expected one of: low, medium, high, severe",
            "4: floors.high: 'Z' is not one of: A, B, C, D",
            "9: rules[0].when: column 34: \"delisted\" is not a value of court.dishonest_debtor.status; its values are: listed, lifted",
            "9: rules[0].when: column 78: '>' cannot compare a number (court.dishonest_debtor.amount) with a string (\"lots\")",
            "9: rules[0].when: column 113: unknown field 'judge' of court.dishonest_debtor",
            "10: rules[0].severity: 'dire' is not one of: low, medium, high, severe",
            "11: rules[0].weight: must be above zero",
            "15: rules[1].name: 'debtor' is already a rule, on line 7",
            "16: rules[1].factType: 'court.nothing' is not a fact type in the catalog",
            "19: rules[1].windowDays: must be a positive integer",
            "22: rules[2].reason: is required",
            "25: rules[2].each: 'decision_no' is not a field of amr.administrative_penalty",
            "27: rules[2].weight.field: 'reason' is string; a weight needs an integer or decimal field",
            "27: rules[2].weight.max: must be above zero",
            "28: rules[2].note: unknown property; expected one of: name, factType, when, severity, weight, windowDays, each, reason");
    }

    private static void AssertProblems(string json, params string[] expected)
    {
        var error = Assert.Throws<RulesFileException>(() => Parse(json));

        Assert.Equal([.. expected.Select(problem => $"{Source}:{problem}")], error.Problems);
    }
}
