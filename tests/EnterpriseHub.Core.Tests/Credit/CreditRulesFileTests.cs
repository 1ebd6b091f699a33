using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;
using static EnterpriseHub.Core.Tests.Credit.CreditTestData;

namespace EnterpriseHub.Core.Tests.Credit;

public sealed class CreditRulesFileTests
{
    [Fact]
    public void Parse_ValidFile_ReadsEveryPart()
    {
        var rules = Standard;

        Assert.Equal(1, rules.Version);
        Assert.Equal(new CreditThresholds(10, 40, 80), rules.Thresholds);
        Assert.Equal(
            new Dictionary<Severity, CreditLevel> { [Severity.Medium] = CreditLevel.B, [Severity.High] = CreditLevel.C, [Severity.Severe] = CreditLevel.D },
            rules.Floors);
        Assert.Equal(
            ["dishonest_debtor", "abnormal_operations", "tax_grade_d", "tax_arrears", "customs_dishonest", "administrative_penalty"],
            rules.Rules.Select(rule => rule.Name));
        var debtor = rules.Rules[0];
        var condition = Assert.Single(debtor.Conditions);
        Assert.Equal(("status", FieldType.Enum, CreditOperator.Ne), (condition.Field, condition.FieldType, condition.Operator));
        Assert.Equal(["lifted"], condition.Values);
        Assert.Equal(new CreditWeight.Fixed(100), debtor.Weight);
        Assert.Equal(Severity.Severe, debtor.Severity);
        Assert.Null(debtor.WindowDays);
        Assert.Null(debtor.Each);
        var penalty = rules.Rules[5];
        Assert.Empty(penalty.Conditions);
        Assert.Equal(new CreditWeight.ByField("amount", 10000, 30), penalty.Weight);
        Assert.Equal(365, penalty.WindowDays);
        Assert.Equal("decision_number", penalty.Each);
        Assert.Equal("Administrative penalty in the last 12 months", penalty.Reason);
    }

    [Fact]
    public void FactTypes_StandardRules_AreTheTypesTheRulesRead() =>
        Assert.Equal(
            new HashSet<string>
            {
                "court.dishonest_debtor", "amr.abnormal_operations", "tax.credit_grade", "tax.arrears", "customs.credit_class", "amr.administrative_penalty",
            },
            Standard.FactTypes);

    [Theory]
    [InlineData("""{ "field": "count", "op": "in", "value": [1, 2.0, 3] }""", "1", "2", "3")]
    [InlineData("""{ "field": "amount", "op": "ge", "value": 1.50 }""", "1.5")]
    [InlineData("""{ "field": "amount", "op": "lt", "value": 1E5 }""", "100000")]
    [InlineData("""{ "field": "active", "op": "eq", "value": false }""", "false")]
    [InlineData("""{ "field": "day", "op": "le", "value": "2024-02-29" }""", "2024-02-29")]
    [InlineData("""{ "field": "status", "op": "in", "value": ["shut", "open"] }""", "shut", "open")]
    [InlineData("""{ "field": "name", "op": "ne", "value": "一二三四五六七八九十" }""", "一二三四五六七八九十")]
    public void Parse_ConditionValues_KeptInCanonicalText(string condition, params string[] values)
    {
        var rules = Parse(File(rules: Rule(conditions: $"[ {condition} ]")));

        Assert.Equal(values, Assert.Single(rules.Rules[0].Conditions).Values);
    }

    [Fact]
    public void Fingerprint_SameRulesInAnotherLayout_IsEqual()
    {
        var compact = Parse(File(rules: Rule(weight: "20.0", extra: """, "windowDays": 30""")));
        var spread = Parse("""
            {
              "rules": [
                {
                  "reason": "Why", "windowDays": 30, "weight": 20, "severity": "medium",
                  "conditions": [], "factType": "amr.sample", "name": "r"
                }
              ],
              "floors": { "severe": "D", "high": "C", "medium": "B" },
              "thresholds": { "D": 80.00, "C": 40, "B": 10 },
              "version": 1
            }
            """);

        Assert.Equal(compact.Fingerprint, spread.Fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", compact.Fingerprint);
    }

    [Theory]
    [InlineData("weight", "21")]
    [InlineData("severity", "high")]
    [InlineData("conditions", """[ { "field": "count", "op": "gt", "value": 1 } ]""")]
    [InlineData("extra", """, "windowDays": 31""")]
    [InlineData("extra", """, "each": "name" """)]
    [InlineData("name", "s")]
    public void Fingerprint_ChangedRuleWithoutNewVersion_Differs(string part, string value)
    {
        var before = Parse(File(rules: Rule()));
        var after = Parse(File(rules: part switch
        {
            "weight" => Rule(weight: value),
            "severity" => Rule(severity: value),
            "conditions" => Rule(conditions: value),
            "extra" => Rule(extra: value),
            _ => Rule(name: value),
        }));

        Assert.Equal(before.Version, after.Version);
        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
    }

    [Fact]
    public void Fingerprint_FieldTypeChangedInCatalog_Differs()
    {
        var file = File(rules: Rule(conditions: """[ { "field": "name", "op": "eq", "value": "open" } ]"""));
        var asEnum = Types.Select(type => type.Name != "amr.sample" ? type
            : type with { Fields = [new FieldSchema("name", FieldType.Enum, false, null, ["open"], "")] }).ToList();

        Assert.NotEqual(Parse(file).Fingerprint, CreditRulesFile.Parse(file, Source, asEnum).Fingerprint);
    }

    [Fact]
    public void Load_FileOnDisk_NamesThePathInProblems()
    {
        var path = Path.Combine(Path.GetTempPath(), $"credit-rules-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, File(version: "\"version\": 0,"));
        try
        {
            var error = Assert.Throws<RulesFileException>(() => CreditRulesFile.Load(path, Types));

            Assert.Equal([$"{path}:2: version: must be a positive integer"], error.Problems);
            Assert.Contains("The credit rules file has a problem:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
