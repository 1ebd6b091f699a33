using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Tests;
using static EnterpriseHub.Core.Tests.Credit.CreditTestData;

namespace EnterpriseHub.Core.Tests.Credit;

/// <summary>The rules the server ships (src/EnterpriseHub.Server/Credit/credit-rules.json), checked against the shipped catalog.</summary>
public sealed class ShippedCreditRulesTests
{
    private static readonly Lazy<CreditRules> Shipped = new(() => CreditRulesFile.Load(ServerFile("Credit", "credit-rules.json"), ShippedCatalog()));

    [Fact]
    public void Load_ShippedRules_ValidAgainstTheShippedCatalog()
    {
        var rules = Shipped.Value;

        Assert.Equal(1, rules.Version);
        Assert.Equal(new CreditThresholds(10, 40, 80), rules.Thresholds);
        Assert.Equal(
            new Dictionary<Severity, CreditLevel> { [Severity.Medium] = CreditLevel.B, [Severity.High] = CreditLevel.C, [Severity.Severe] = CreditLevel.D },
            rules.Floors);
        Assert.Equal(
            [
                ("dishonest_debtor", "court.dishonest_debtor", Severity.Severe),
                ("abnormal_operations", "amr.abnormal_operations", Severity.High),
                ("tax_grade_d", "tax.credit_grade", Severity.High),
                ("tax_arrears", "tax.arrears", Severity.Medium),
                ("customs_dishonest", "customs.credit_class", Severity.High),
                ("administrative_penalty", "amr.administrative_penalty", Severity.Medium),
            ],
            rules.Rules.Select(rule => (rule.Name, rule.FactType, rule.Severity)));
        var penalty = rules.Rules[^1];
        Assert.Equal((365, "decision_number", new CreditWeight.ByField("amount", 10000, 30)), (penalty.WindowDays, penalty.Each, penalty.Weight));
    }

    [Fact]
    public void Load_ShippedRules_SameRulesAsTheTestsUse() =>
        Assert.Equal(
            Standard.Rules.Select(rule => (rule.Name, rule.FactType, rule.Severity, rule.Weight, rule.WindowDays, rule.Each, rule.When?.Canonical)),
            Shipped.Value.Rules.Select(rule => (rule.Name, rule.FactType, rule.Severity, rule.Weight, rule.WindowDays, rule.Each, rule.When?.Canonical)));

    [Theory]
    [InlineData("court.dishonest_debtor", """{"case_number":"(2026)粤0106执1号","court":"天河区人民法院"}""", CreditLevel.D)]
    [InlineData("court.dishonest_debtor", """{"case_number":"(2026)粤0106执1号","court":"天河区人民法院","status":"lifted"}""", CreditLevel.A)]
    [InlineData("amr.abnormal_operations", """{"listed":true,"reason":"通过登记的住所无法联系"}""", CreditLevel.C)]
    [InlineData("amr.abnormal_operations", """{"listed":false}""", CreditLevel.A)]
    [InlineData("tax.credit_grade", """{"grade":"D","year":2025}""", CreditLevel.C)]
    [InlineData("tax.arrears", """{"amount":100000.01,"currency":"CNY"}""", CreditLevel.B)]
    [InlineData("customs.credit_class", """{"class":"dishonest"}""", CreditLevel.C)]
    [InlineData("amr.administrative_penalty", """{"amount":5000.5,"decided":"2026-03-01","decision_number":"穗南市监罚〔2026〕12号"}""", CreditLevel.B)]
    public void Evaluate_ShippedRules_OneFactGivesItsLevel(string factType, string attributes, CreditLevel level) =>
        Assert.Equal(level, CreditEvaluator.Evaluate(Shipped.Value, Uscc, [Fact(factType, attributes, T0, 1)], T0).Level);

    /// <summary>The shipped catalog, read through <see cref="CatalogFile"/>.</summary>
    private static IReadOnlyList<FactTypeDefinition> ShippedCatalog() => CatalogFile.Load(ServerFile("Catalog", "catalog.json")).FactTypes;

    private static string ServerFile(string folder, string name) => Repository.File("src", "EnterpriseHub.Server", folder, name);
}
