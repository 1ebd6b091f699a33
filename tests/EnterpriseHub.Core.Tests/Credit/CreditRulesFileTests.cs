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
        Assert.Equal("!(court.dishonest_debtor.status == \"lifted\")", debtor.When!.Source);
        Assert.Equal(new CreditWeight.Fixed(100), debtor.Weight);
        Assert.Equal(Severity.Severe, debtor.Severity);
        Assert.Null(debtor.WindowDays);
        Assert.Null(debtor.Each);
        var penalty = rules.Rules[5];
        Assert.Null(penalty.When);
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
    [InlineData("amr.sample.count in [1, 2.0, 3]", "(amr.sample.count in [1, 2, 3])")]
    [InlineData("amr.sample.amount >= 1.50", "(amr.sample.amount >= 1.5)")]
    [InlineData("amr.sample.active == false", "(amr.sample.active == false)")]
    [InlineData("amr.sample.day <= date(\"2024-02-29\")", "(amr.sample.day <= date(\"2024-02-29\"))")]
    [InlineData("amr.sample.status in [\"shut\", \"open\"]", "(amr.sample.status in [\"shut\", \"open\"])")]
    [InlineData("!(amr.sample.name == \"一二三四五六七八九十\")", "!(amr.sample.name == \"一二三四五六七八九十\")")]
    [InlineData("amr.sample.count > 1 // why\n  && !amr.sample.active", "((amr.sample.count > 1) && !amr.sample.active)")]
    public void Parse_Condition_KeptAsWrittenAndInCanonicalForm(string when, string canonical)
    {
        var rules = Parse(File(rules: Rule(when: when)));

        var condition = rules.Rules[0].When!;
        Assert.Equal((when, canonical), (condition.Source, condition.Canonical));
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
                  "factType": "amr.sample", "name": "r"
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
    [InlineData("when", "amr.sample.count > 1")]
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
            "when" => Rule(when: value),
            "extra" => Rule(extra: value),
            _ => Rule(name: value),
        }));

        Assert.Equal(before.Version, after.Version);
        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
    }

    [Fact]
    public void Fingerprint_ConditionInAnotherLayout_IsEqual()
    {
        var compact = Parse(File(rules: Rule(when: "amr.sample.count>1&&amr.sample.status in [\"open\"]")));
        var spread = Parse(File(rules: Rule(when: "(amr.sample.count > 1.0) // more than one\n  && (amr.sample.status in [\"open\"])")));

        Assert.Equal(compact.Fingerprint, spread.Fingerprint);
    }

    [Theory]
    [InlineData("amr.sample.count >= 1")]
    [InlineData("amr.sample.count > 2")]
    [InlineData("!(amr.sample.count > 1)")]
    [InlineData("amr.sample.amount > 1")]
    public void Fingerprint_ConditionChanged_Differs(string changed) =>
        Assert.NotEqual(Parse(File(rules: Rule(when: "amr.sample.count > 1"))).Fingerprint, Parse(File(rules: Rule(when: changed))).Fingerprint);

    [Fact]
    public void Fingerprint_FieldTypeChangedInCatalogWithoutChangingComparisons_IsEqual()
    {
        // A string field becoming an enum compares as before, so it needs no rebuild; a change that would compare otherwise fails the type check.
        var file = File(rules: Rule(when: "amr.sample.name == \"open\""));
        var asEnum = Types.Select(type => type.Name != "amr.sample" ? type
            : type with { Fields = [new FieldSchema("name", FieldType.Enum, false, null, ["open"], "")] }).ToList();
        var asDate = Types.Select(type => type.Name != "amr.sample" ? type
            : type with { Fields = [new FieldSchema("name", FieldType.Date, false, null, [], "")] }).ToList();

        Assert.Equal(Parse(file).Fingerprint, CreditRulesFile.Parse(file, Source, asEnum).Fingerprint);
        Assert.Throws<RulesFileException>(() => CreditRulesFile.Parse(file, Source, asDate));
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
