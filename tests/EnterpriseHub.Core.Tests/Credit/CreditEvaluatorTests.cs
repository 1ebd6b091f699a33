using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using static EnterpriseHub.Core.Tests.Credit.CreditTestData;

namespace EnterpriseHub.Core.Tests.Credit;

public sealed class CreditEvaluatorTests
{
    private const string Debtor = "court.dishonest_debtor";
    private const string Penalty = "amr.administrative_penalty";
    private const string Listed = """{"case_number":"(2026)粤0106执123号","court":"天河区人民法院","status":"listed"}""";
    private const string Lifted = """{"case_number":"(2026)粤0106执123号","court":"天河区人民法院","status":"lifted"}""";

    [Fact]
    public void Evaluate_NoFacts_LevelAWithNothingToWaitFor()
    {
        var profile = CreditEvaluator.Evaluate(Standard, Uscc, [], T0);

        Assert.Equal(new CreditProfile(Uscc, CreditLevel.A, 0, [], null, 1), profile);
    }

    [Fact]
    public void Evaluate_OneSignal_CarriesRuleReasonAndFact()
    {
        var fact = Fact(Debtor, Listed, T0, 7, "court-rec-1");

        var profile = CreditEvaluator.Evaluate(Standard, Uscc, [fact], T0.AddDays(1));

        var signal = Assert.Single(profile.Signals);
        Assert.Equal(
            new CreditSignal("dishonest_debtor", Severity.Severe, 100, "On the courts' list of dishonest judgment debtors",
                new FactRef(Debtor, "court", "court-rec-1", 7, T0, T0.AddMinutes(1)), null),
            signal);
        Assert.Equal((CreditLevel.D, 100m, 1), (profile.Level, profile.Score, profile.RulesVersion));
    }

    [Theory]
    [InlineData(Listed, Lifted, false)]
    [InlineData(Lifted, Listed, true)]
    [InlineData("""{"case_number":"1","court":"c"}""", Lifted, false)]
    [InlineData(Lifted, """{"case_number":"1","court":"c"}""", true)]
    public void Evaluate_NewerFact_SupersedesTheOlder(string older, string newer, bool signal)
    {
        var facts = new[] { Fact(Debtor, older, T0, 1), Fact(Debtor, newer, T0.AddDays(1), 2) };

        var profile = CreditEvaluator.Evaluate(Standard, Uscc, facts, T0.AddDays(2));

        Assert.Equal(signal, profile.Signals.Count == 1);
    }

    [Fact]
    public void Evaluate_SameEffectiveTime_GreaterSequenceIsCurrent()
    {
        var facts = new[] { Fact(Debtor, Lifted, T0, 9), Fact(Debtor, Listed, T0, 4) };

        var profile = CreditEvaluator.Evaluate(Standard, Uscc, facts, T0);

        Assert.Empty(profile.Signals);
    }

    [Fact]
    public void Evaluate_LaterPublishedButEarlierEffective_DoesNotSupersede()
    {
        // A back-dated correction arrives last but takes effect before the listing.
        var facts = new[] { Fact(Debtor, Listed, T0.AddDays(5), 1), Fact(Debtor, Lifted, T0, 2) };

        var profile = CreditEvaluator.Evaluate(Standard, Uscc, facts, T0.AddDays(6));

        Assert.Equal(1, Assert.Single(profile.Signals).Fact.Sequence);
    }

    [Fact]
    public void Evaluate_NotYetEffectiveFact_IgnoredUntilItsTimeAndNamedAsNextChange()
    {
        var lift = T0.AddDays(10);
        var facts = new[] { Fact(Debtor, Listed, T0, 1), Fact(Debtor, Lifted, lift, 2) };

        var before = CreditEvaluator.Evaluate(Standard, Uscc, facts, lift.AddTicks(-1));
        var at = CreditEvaluator.Evaluate(Standard, Uscc, facts, lift);

        Assert.Equal((CreditLevel.D, lift), (before.Level, before.NextChange));
        Assert.Equal(1, Assert.Single(before.Signals).Fact.Sequence);
        Assert.Equal((CreditLevel.A, (DateTimeOffset?)null), (at.Level, at.NextChange));
        Assert.Empty(at.Signals);
    }

    [Fact]
    public void Evaluate_OnlyFutureFacts_NoSignalButNextChange()
    {
        var profile = CreditEvaluator.Evaluate(Standard, Uscc, [Fact(Debtor, Listed, T0.AddDays(3), 1)], T0);

        Assert.Equal(new CreditProfile(Uscc, CreditLevel.A, 0, [], T0.AddDays(3), 1), profile);
    }

    [Fact]
    public void Evaluate_FactsOfTypesNoRuleReads_Ignored()
    {
        var facts = new[] { Fact("amr.business_license", "{}", T0, 1), Fact("amr.business_license", "{}", T0.AddDays(1), 2) };

        Assert.Equal(new CreditProfile(Uscc, CreditLevel.A, 0, [], null, 1), CreditEvaluator.Evaluate(Standard, Uscc, facts, T0));
    }

    [Fact]
    public void Evaluate_EachKey_EveryKeyCountsAndTheLatestPerKeySupersedes()
    {
        var facts = new[]
        {
            Fact(Penalty, """{"amount":50000,"decided":"2026-01-01","decision_number":"P-1"}""", T0, 1),
            Fact(Penalty, """{"amount":20000,"decided":"2026-01-02","decision_number":"P-2"}""", T0.AddDays(1), 2),
            // P-1 corrected: the fine was reduced.
            Fact(Penalty, """{"amount":10000,"decided":"2026-01-01","decision_number":"P-1"}""", T0.AddDays(2), 3),
        };

        var profile = CreditEvaluator.Evaluate(Standard, Uscc, facts, T0.AddDays(3));

        Assert.Equal([(2L, 2m), (3L, 1m)], profile.Signals.Select(signal => (signal.Fact.Sequence, signal.Weight)));
        Assert.Equal(3m, profile.Score);
    }

    [Fact]
    public void Evaluate_EachKeyMissing_EveryFactCountsAlone()
    {
        var rules = Parse(File(rules: Rule(extra: """, "each": "name" """)));
        var facts = new[] { Fact("amr.sample", "{}", T0, 1), Fact("amr.sample", "{}", T0, 2), Fact("amr.sample", """{"name":"a"}""", T0, 3) };

        var profile = CreditEvaluator.Evaluate(rules, Uscc, facts, T0);

        Assert.Equal([1L, 2L, 3L], profile.Signals.Select(signal => signal.Fact.Sequence));
    }

    [Fact]
    public void Evaluate_EachKeyLaterFactFailsCondition_KeyEnds()
    {
        var rules = Parse(File(rules: Rule(when: "amr.sample.status == \"open\"", extra: """, "each": "name" """)));
        var facts = new[]
        {
            Fact("amr.sample", """{"name":"a","status":"open"}""", T0, 1),
            Fact("amr.sample", """{"name":"b","status":"open"}""", T0, 2),
            Fact("amr.sample", """{"name":"a","status":"shut"}""", T0.AddDays(1), 3),
        };

        var profile = CreditEvaluator.Evaluate(rules, Uscc, facts, T0.AddDays(1));

        Assert.Equal(2, Assert.Single(profile.Signals).Fact.Sequence);
    }

    [Theory]
    [InlineData(364, true)]
    [InlineData(365, false)]
    [InlineData(400, false)]
    public void Evaluate_Window_SignalEndsWhenItPasses(int daysLater, bool present)
    {
        var fact = Fact(Penalty, """{"amount":30000,"decided":"2026-01-01","decision_number":"P-1"}""", T0, 1);

        var profile = CreditEvaluator.Evaluate(Standard, Uscc, [fact], T0.AddDays(daysLater));

        Assert.Equal(present, profile.Signals.Count == 1);
        Assert.Equal(present ? T0.AddDays(365) : null, profile.NextChange);
        Assert.Equal(present ? CreditLevel.B : CreditLevel.A, profile.Level);
    }

    [Fact]
    public void Evaluate_Window_EndsAtOneTickAfterTheLastMomentIn()
    {
        var fact = Fact(Penalty, """{"amount":30000,"decided":"2026-01-01","decision_number":"P-1"}""", T0, 1);
        var end = T0.AddDays(365);

        Assert.Equal(end, Assert.Single(CreditEvaluator.Evaluate(Standard, Uscc, [fact], end.AddTicks(-1)).Signals).EndsAt);
        Assert.Empty(CreditEvaluator.Evaluate(Standard, Uscc, [fact], end).Signals);
    }

    [Fact]
    public void Evaluate_SeveralEndings_NextChangeIsTheEarliest()
    {
        var facts = new[]
        {
            Fact(Penalty, """{"amount":1,"decided":"2026-01-01","decision_number":"P-1"}""", T0.AddDays(20), 1),
            Fact(Penalty, """{"amount":1,"decided":"2026-01-01","decision_number":"P-2"}""", T0, 2),
            Fact(Debtor, Listed, T0.AddDays(400), 3),
            Fact(Debtor, Lifted, T0, 4),
        };

        Assert.Equal(T0.AddDays(365), CreditEvaluator.Evaluate(Standard, Uscc, facts, T0.AddDays(30)).NextChange);
        Assert.Equal(T0.AddDays(385), CreditEvaluator.Evaluate(Standard, Uscc, facts, T0.AddDays(365)).NextChange);
        Assert.Equal(T0.AddDays(400), CreditEvaluator.Evaluate(Standard, Uscc, facts, T0.AddDays(385)).NextChange);
    }

    [Theory]
    [InlineData("""{"amount":50000}""", 5)]
    [InlineData("""{"amount":1000000}""", 30)]
    [InlineData("""{"amount":300000}""", 30)]
    [InlineData("""{"amount":12345}""", 1.23)]
    [InlineData("""{"amount":12350}""", 1.24)]
    [InlineData("""{"amount":-500}""", 0)]
    [InlineData("""{"amount":null}""", 0)]
    [InlineData("{}", 0)]
    public void Evaluate_WeightByField_ValuePerCappedAndRounded(string amount, double weight)
    {
        var fact = Fact(Penalty, amount.Replace("{", """{"decided":"2026-01-01","decision_number":"P-1",""", StringComparison.Ordinal).Replace(",}", "}", StringComparison.Ordinal), T0, 1);

        var signal = Assert.Single(CreditEvaluator.Evaluate(Standard, Uscc, [fact], T0).Signals);

        Assert.Equal((decimal)weight, signal.Weight);
    }

    [Fact]
    public void Evaluate_WeightByFieldBeyondDecimalRange_CappedNotThrown()
    {
        var rules = Parse(File(rules: Rule(weight: """{ "field": "amount", "per": 0.0000001, "max": 30 }""")));

        var profile = CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", """{"amount":79000000000000000000000000000}""", T0, 1)], T0);

        Assert.Equal(30m, profile.Score);
    }

    [Fact]
    public void Evaluate_FixedWeight_RoundedToTwoPlaces()
    {
        var rules = Parse(File(rules: Rule(weight: "0.005")));

        Assert.Equal(0.01m, CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", "{}", T0, 1)], T0).Score);
    }

    [Fact]
    public void Evaluate_ManySignals_GravestFirstThenByRuleName()
    {
        var facts = new[]
        {
            Fact(Penalty, """{"amount":10000,"decided":"2026-01-01","decision_number":"P-1"}""", T0, 1),
            Fact("tax.arrears", """{"amount":200000}""", T0, 2),
            Fact("tax.credit_grade", """{"grade":"D","year":2025}""", T0, 3),
            Fact("customs.credit_class", """{"class":"dishonest"}""", T0, 4),
            Fact(Debtor, Listed, T0, 5),
            Fact("amr.abnormal_operations", """{"listed":true}""", T0, 6),
        };

        var profile = CreditEvaluator.Evaluate(Standard, Uscc, facts, T0);

        Assert.Equal(
            ["dishonest_debtor", "abnormal_operations", "customs_dishonest", "tax_grade_d", "administrative_penalty", "tax_arrears"],
            profile.Signals.Select(signal => signal.Rule));
        Assert.Equal((CreditLevel.D, 241m), (profile.Level, profile.Score));
    }
}
