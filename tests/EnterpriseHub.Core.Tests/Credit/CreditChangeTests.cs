using EnterpriseHub.Core.Credit;
using static EnterpriseHub.Core.Tests.Credit.CreditTestData;

namespace EnterpriseHub.Core.Tests.Credit;

public sealed class CreditChangeTests
{
    private const string Debtor = """{"amount":1234567.89,"case_number":"(2026)粤0106执123号","court":"天河区人民法院"}""";

    [Fact]
    public void Describe_FirstProfile_NamesSignalsAndLevel()
    {
        var after = Evaluate(Fact("court.dishonest_debtor", Debtor, T0, 1, "X"));

        Assert.Equal("dishonest_debtor started (court.dishonest_debtor by court, record X); level D", CreditChange.Describe(null, after));
    }

    [Fact]
    public void Describe_SignalStarted_NamesItAndTheLevelChange()
    {
        var grade = Fact("tax.credit_grade", """{"grade":"D","year":2025}""", T0, 1, "T-9");
        var debtor = Fact("court.dishonest_debtor", Debtor, T0, 2, "X");

        var text = CreditChange.Describe(Evaluate(grade), Evaluate(grade, debtor));

        Assert.Equal("dishonest_debtor started (court.dishonest_debtor by court, record X); level C → D", text);
    }

    [Fact]
    public void Describe_WindowPassed_NamesTheEndedSignal()
    {
        var penalty = Fact("amr.administrative_penalty", """{"amount":10000,"decided":"2026-01-01","decision_number":"P-1"}""", T0, 1, "A-1");
        var before = CreditEvaluator.Evaluate(Standard, Uscc, [penalty], T0);
        var after = CreditEvaluator.Evaluate(Standard, Uscc, [penalty], before.NextChange!.Value);

        Assert.Equal("administrative_penalty ended (amr.administrative_penalty by amr, record A-1); level B → A", CreditChange.Describe(before, after));
    }

    [Fact]
    public void Describe_FactSuperseded_StartedAndEndedWithBothRecords()
    {
        var first = Fact("tax.arrears", """{"amount":150000}""", T0, 1, "R1");
        var second = Fact("tax.arrears", """{"amount":250000}""", T0.AddDays(1), 2, "R2");

        var text = CreditChange.Describe(Evaluate(first), Evaluate(first, second));

        Assert.Equal("tax_arrears started (tax.arrears by tax, record R2); tax_arrears ended (tax.arrears by tax, record R1); level B", text);
    }

    [Fact]
    public void Describe_SeveralChanges_StartedGravestFirstThenEnded()
    {
        var arrears = Fact("tax.arrears", """{"amount":150000}""", T0, 1, "R1");
        var paid = Fact("tax.arrears", """{"amount":0}""", T0.AddDays(1), 2, "R2");
        var customs = Fact("customs.credit_class", """{"class":"dishonest"}""", T0, 3, "C1");
        var debtor = Fact("court.dishonest_debtor", Debtor, T0, 4, "X");

        var text = CreditChange.Describe(Evaluate(arrears), Evaluate(arrears, paid, customs, debtor));

        Assert.Equal(
            "dishonest_debtor started (court.dishonest_debtor by court, record X); customs_dishonest started (customs.credit_class by customs, record C1); "
            + "tax_arrears ended (tax.arrears by tax, record R1); level B → D",
            text);
    }

    [Fact]
    public void Describe_RulesChanged_NamesTheVersions()
    {
        var grade = Fact("tax.credit_grade", """{"grade":"D","year":2025}""", T0, 1, "T-9");
        var before = Evaluate(grade);
        var after = CreditEvaluator.Evaluate(Parse(StandardRules.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)), Uscc, [grade], T0);

        Assert.Equal("rules version 1 → 2; level C", CreditChange.Describe(before, after));
    }

    [Fact]
    public void Describe_AnyChange_NeverShowsAttributeValues()
    {
        var text = CreditChange.Describe(null, Evaluate(Fact("court.dishonest_debtor", Debtor, T0, 1, "X")));

        Assert.DoesNotContain("1234567", text, StringComparison.Ordinal);
        Assert.DoesNotContain("执123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("法院", text, StringComparison.Ordinal);
        Assert.DoesNotContain("list", text, StringComparison.Ordinal);
    }

    private static CreditProfile Evaluate(params EnterpriseHub.Core.Facts.Fact[] facts) => CreditEvaluator.Evaluate(Standard, Uscc, facts, T0.AddDays(2));
}
