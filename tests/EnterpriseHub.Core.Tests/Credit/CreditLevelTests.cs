using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using static EnterpriseHub.Core.Tests.Credit.CreditTestData;

namespace EnterpriseHub.Core.Tests.Credit;

/// <summary>The level: the score's threshold, raised to the floor of the gravest severity present.</summary>
public sealed class CreditLevelTests
{
    private static readonly Dictionary<string, string> Facts = new()
    {
        ["debtor"] = """court.dishonest_debtor|{"case_number":"1","court":"c"}""",
        ["abnormal"] = """amr.abnormal_operations|{"listed":true}""",
        ["grade_d"] = """tax.credit_grade|{"grade":"D","year":2025}""",
        ["grade_b"] = """tax.credit_grade|{"grade":"B","year":2025}""",
        ["arrears"] = """tax.arrears|{"amount":150000}""",
        ["arrears_small"] = """tax.arrears|{"amount":100000}""",
        ["customs"] = """customs.credit_class|{"class":"dishonest"}""",
        ["penalty_1"] = """amr.administrative_penalty|{"amount":10000,"decided":"2026-01-01","decision_number":"P-1"}""",
        ["penalty_big"] = """amr.administrative_penalty|{"amount":5000000,"decided":"2026-01-01","decision_number":"P-2"}""",
    };

    [Theory]
    [InlineData("", 0, CreditLevel.A)]
    [InlineData("grade_b arrears_small", 0, CreditLevel.A)]
    [InlineData("penalty_1", 1, CreditLevel.B)] // below B by score; the medium floor lifts it
    [InlineData("arrears", 20, CreditLevel.B)]
    [InlineData("penalty_big", 30, CreditLevel.B)]
    [InlineData("arrears penalty_big", 50, CreditLevel.C)] // medium signals only, but the score reaches C
    [InlineData("grade_d", 40, CreditLevel.C)]
    [InlineData("abnormal arrears", 60, CreditLevel.C)]
    [InlineData("grade_d customs", 80, CreditLevel.D)] // exactly the D threshold
    [InlineData("abnormal penalty_big", 70, CreditLevel.C)]
    [InlineData("debtor", 100, CreditLevel.D)]
    [InlineData("debtor abnormal grade_d arrears customs penalty_1 penalty_big", 271, CreditLevel.D)]
    public void Evaluate_StandardRules_LevelFromScoreAndFloor(string present, double score, CreditLevel level)
    {
        var profile = CreditEvaluator.Evaluate(Standard, Uscc, FactsFor(present), T0);

        Assert.Equal(((decimal)score, level), (profile.Score, profile.Level));
    }

    [Theory]
    [InlineData("5", 5, CreditLevel.A)]
    [InlineData("9.99", 9.99, CreditLevel.A)]
    [InlineData("10", 10, CreditLevel.B)]
    [InlineData("39.99", 39.99, CreditLevel.B)]
    [InlineData("40", 40, CreditLevel.C)]
    [InlineData("79.99", 79.99, CreditLevel.C)]
    [InlineData("80", 80, CreditLevel.D)]
    [InlineData("1000", 1000, CreditLevel.D)]
    public void Evaluate_NoFloors_LevelByThresholdAlone(string weight, double score, CreditLevel level)
    {
        var rules = Parse(File(floors: "\"floors\": {},", rules: Rule(severity: "severe", weight: weight)));

        var profile = CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", "{}", T0, 1)], T0);

        Assert.Equal(((decimal)score, level), (profile.Score, profile.Level));
    }

    [Theory]
    [InlineData("low", CreditLevel.A)]
    [InlineData("medium", CreditLevel.B)]
    [InlineData("high", CreditLevel.D)]
    [InlineData("severe", CreditLevel.C)]
    public void Evaluate_Floors_TheSignalsFloorSetsTheLowestLevel(string severity, CreditLevel level)
    {
        // Floors need not rise with severity; each signal present sets its own.
        var rules = Parse(File(floors: "\"floors\": { \"medium\": \"B\", \"high\": \"D\", \"severe\": \"C\" },", rules: Rule(severity: severity, weight: "1")));

        Assert.Equal(level, CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", "{}", T0, 1)], T0).Level);
    }

    [Fact]
    public void Evaluate_FloorBelowScoreLevel_ScoreWins()
    {
        var rules = Parse(File(rules: Rule(severity: "medium", weight: "90")));

        Assert.Equal(CreditLevel.D, CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", "{}", T0, 1)], T0).Level);
    }

    [Fact]
    public void Evaluate_ShuffledInput_EqualProfile()
    {
        var random = new Random(20260101);
        var facts = new List<Fact>();
        var types = Facts.Values.Select(entry => entry.Split('|')).ToArray();
        for (var sequence = 1; sequence <= 200; sequence++)
        {
            var type = types[random.Next(types.Length)];
            var attributes = type[0] == "amr.administrative_penalty"
                ? $$"""{"amount":{{random.Next(0, 400_000)}},"decided":"2026-01-01","decision_number":"P-{{random.Next(20)}}"}"""
                : type[1];
            facts.Add(Fact(type[0], attributes, T0.AddDays(random.Next(-400, 60)).AddHours(random.Next(3)), sequence));
        }

        var expected = CreditEvaluator.Evaluate(Standard, Uscc, facts, T0);
        for (var round = 0; round < 20; round++)
        {
            var shuffled = facts.ToArray();
            random.Shuffle(shuffled);

            Assert.Equal(expected, CreditEvaluator.Evaluate(Standard, Uscc, shuffled, T0));
        }

        Assert.NotEmpty(expected.Signals);
        Assert.NotNull(expected.NextChange);
    }

    private static List<Fact> FactsFor(string present)
    {
        var facts = new List<Fact>();
        foreach (var name in present.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = Facts[name].Split('|');
            facts.Add(Fact(parts[0], parts[1], T0, facts.Count + 1));
        }

        return facts;
    }
}
