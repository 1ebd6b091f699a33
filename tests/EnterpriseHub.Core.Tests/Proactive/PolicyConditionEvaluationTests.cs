using EnterpriseHub.Core.Facts;
using static EnterpriseHub.Core.Tests.Proactive.ProactiveTestData;

namespace EnterpriseHub.Core.Tests.Proactive;

/// <summary>Each operator on each field type, builtins, current and superseded facts, and unknown values.</summary>
public sealed class PolicyConditionEvaluationTests
{
    // amr.sample: name string ≤ 10, count integer, amount decimal, active boolean, day date, status enum open|shut.
    [Theory]
    // string: ordinal order
    [InlineData("amr.sample.name == \"acme\"", """{"name":"acme"}""", true)]
    [InlineData("amr.sample.name == \"acme\"", """{"name":"Acme"}""", false)]
    [InlineData("amr.sample.name != \"acme\"", """{"name":"Acme"}""", true)]
    [InlineData("amr.sample.name != \"acme\"", """{"name":"acme"}""", false)]
    [InlineData("amr.sample.name < \"b\"", """{"name":"acme"}""", true)]
    [InlineData("amr.sample.name < \"B\"", """{"name":"acme"}""", false)]
    [InlineData("amr.sample.name >= \"acme\"", """{"name":"acme"}""", true)]
    [InlineData("amr.sample.name in [\"a\", \"acme\"]", """{"name":"acme"}""", true)]
    [InlineData("amr.sample.name in [\"a\", \"b\"]", """{"name":"acme"}""", false)]
    [InlineData("amr.sample.name not in [\"a\", \"b\"]", """{"name":"acme"}""", true)]
    [InlineData("amr.sample.name not in [\"acme\"]", """{"name":"acme"}""", false)]
    [InlineData("amr.sample.name == \"南沙\"", """{"name":"南沙"}""", true)]
    [InlineData("amr.sample.name == \"a\\\"b\\\\c\"", """{"name":"a\"b\\c"}""", true)]
    // enum
    [InlineData("amr.sample.status == \"shut\"", """{"status":"shut"}""", true)]
    [InlineData("amr.sample.status == \"shut\"", """{"status":"open"}""", false)]
    [InlineData("amr.sample.status != \"shut\"", """{"status":"open"}""", true)]
    [InlineData("amr.sample.status in [\"open\"]", """{"status":"shut"}""", false)]
    [InlineData("amr.sample.status not in [\"open\"]", """{"status":"shut"}""", true)]
    [InlineData("amr.sample.status == amr.sample.name", """{"status":"open","name":"open"}""", true)]
    // integer
    [InlineData("amr.sample.count > 5", """{"count":6}""", true)]
    [InlineData("amr.sample.count > 5", """{"count":5}""", false)]
    [InlineData("amr.sample.count >= 5", """{"count":5}""", true)]
    [InlineData("amr.sample.count < 5", """{"count":4}""", true)]
    [InlineData("amr.sample.count < 5", """{"count":5}""", false)]
    [InlineData("amr.sample.count <= 5", """{"count":5.0}""", true)]
    [InlineData("amr.sample.count == 1000", """{"count":1E3}""", true)]
    [InlineData("amr.sample.count != 1000", """{"count":1000}""", false)]
    [InlineData("amr.sample.count in [1, 2]", """{"count":2}""", true)]
    [InlineData("amr.sample.count not in [1, 2]", """{"count":3}""", true)]
    [InlineData("amr.sample.count > -1", """{"count":0}""", true)]
    [InlineData("amr.sample.count < 4.5", """{"count":4}""", true)]
    // decimal, compared exactly
    [InlineData("amr.sample.amount > 100000", """{"amount":100000.01}""", true)]
    [InlineData("amr.sample.amount > 100000", """{"amount":100000}""", false)]
    [InlineData("amr.sample.amount == 0.3", """{"amount":0.30}""", true)]
    [InlineData("amr.sample.amount > 0.1", """{"amount":0.1000000000000000000000000001}""", true)]
    [InlineData("amr.sample.amount <= -1", """{"amount":-2.5}""", true)]
    [InlineData("amr.sample.amount != 3", """{"amount":3.000}""", false)]
    [InlineData("amr.sample.amount in [1.5, 2.5]", """{"amount":2.50}""", true)]
    [InlineData("amr.sample.amount > amr.sample.count", """{"amount":2.5,"count":2}""", true)]
    // boolean
    [InlineData("amr.sample.active == true", """{"active":true}""", true)]
    [InlineData("amr.sample.active == true", """{"active":false}""", false)]
    [InlineData("amr.sample.active != true", """{"active":false}""", true)]
    [InlineData("amr.sample.active in [false]", """{"active":false}""", true)]
    [InlineData("amr.sample.active", """{"active":true}""", true)]
    [InlineData("amr.sample.active", """{"active":false}""", false)]
    [InlineData("!amr.sample.active", """{"active":false}""", true)]
    // date
    [InlineData("amr.sample.day < date(\"2026-03-01\")", """{"day":"2026-02-28"}""", true)]
    [InlineData("amr.sample.day >= date(\"2026-03-01\")", """{"day":"2026-02-28"}""", false)]
    [InlineData("amr.sample.day > date(\"2025-12-31\")", """{"day":"2026-01-01"}""", true)]
    [InlineData("amr.sample.day <= date(\"2026-01-01\")", """{"day":"2026-01-01"}""", true)]
    [InlineData("amr.sample.day == date(\"2026-01-01\")", """{"day":"2026-01-01"}""", true)]
    [InlineData("amr.sample.day != date(\"2026-01-01\")", """{"day":"2026-01-02"}""", true)]
    [InlineData("amr.sample.day in [date(\"2026-01-01\"), date(\"2026-01-02\")]", """{"day":"2026-01-02"}""", true)]
    // connectives
    [InlineData("amr.sample.count > 5 && amr.sample.active", """{"count":6,"active":true}""", true)]
    [InlineData("amr.sample.count > 5 && amr.sample.active", """{"count":6,"active":false}""", false)]
    [InlineData("amr.sample.count > 5 || amr.sample.active", """{"count":1,"active":true}""", true)]
    [InlineData("amr.sample.count > 5 || amr.sample.active", """{"count":1,"active":false}""", false)]
    [InlineData("!(amr.sample.count > 5) && !amr.sample.active", """{"count":1,"active":false}""", true)]
    [InlineData("(amr.sample.count > 5) == amr.sample.active", """{"count":1,"active":false}""", true)]
    // unknown is not a match: a missing attribute makes every comparison false, != and not in included
    [InlineData("amr.sample.name == \"acme\"", "{}", false)]
    [InlineData("amr.sample.name != \"acme\"", "{}", false)]
    [InlineData("amr.sample.name in [\"acme\"]", "{}", false)]
    [InlineData("amr.sample.name not in [\"acme\"]", "{}", false)]
    [InlineData("amr.sample.count > 5", "{}", false)]
    [InlineData("amr.sample.count < 5", "{}", false)]
    [InlineData("amr.sample.day <= date(\"2026-01-01\")", "{}", false)]
    [InlineData("amr.sample.active == true", "{}", false)]
    [InlineData("amr.sample.active != true", "{}", false)]
    [InlineData("amr.sample.active", "{}", false)]
    [InlineData("amr.sample.amount == amr.sample.count", """{"count":1}""", false)]
    [InlineData("amr.sample.amount != amr.sample.count", """{"count":1}""", false)]
    // ... and ! negates the result
    [InlineData("!amr.sample.active", "{}", true)]
    [InlineData("!(amr.sample.count < 5)", "{}", true)]
    [InlineData("!(amr.sample.name == \"acme\")", "{}", true)]
    // null and ill-typed attributes are unknown
    [InlineData("amr.sample.status != \"shut\"", """{"status":null}""", false)]
    [InlineData("amr.sample.status == \"shut\"", """{"status":null}""", false)]
    [InlineData("amr.sample.amount > 5", """{"amount":"9"}""", false)]
    [InlineData("amr.sample.amount != 5", """{"amount":"5"}""", false)]
    [InlineData("amr.sample.count == 1", """{"count":[1]}""", false)]
    [InlineData("amr.sample.day < date(\"2026-03-01\")", """{"day":"yesterday"}""", false)]
    [InlineData("amr.sample.day < date(\"2026-03-01\")", """{"day":"2026-02-30"}""", false)]
    [InlineData("amr.sample.active == true", """{"active":"true"}""", false)]
    [InlineData("amr.sample.name == \"1\"", """{"name":1}""", false)]
    [InlineData("amr.sample.count > 0", "not json", false)]
    [InlineData("amr.sample.count > 0", "[1]", false)]
    public void Matches_OneFact_EvaluatesTheOperator(string condition, string attributes, bool expected) =>
        Assert.Equal(expected, Parse(condition).Matches(Enterprise, "", [Fact("amr.sample", attributes, T0, 1)], T0));

    [Theory]
    [InlineData("zone == \"nansha\"", "nansha", true)]
    [InlineData("zone == \"nansha\"", "", false)]
    [InlineData("zone == \"\"", "", true)]
    [InlineData("zone == \"\"", null, true)]
    [InlineData("zone != \"nansha\"", "qianhai", true)]
    [InlineData("division == \"440115\"", "", true)]
    [InlineData("division >= \"440100\" && division < \"440200\"", "", true)]
    [InlineData("industry in [\"C39\", \"I65\"]", "", true)]
    [InlineData("industry == \"C39\"", "", false)]
    [InlineData("name == \"南沙示例科技有限公司\"", "", true)]
    [InlineData("uscc == \"91440115MA59XXXX0X\"", "", true)]
    [InlineData("uscc != \"91440115MA59XXXX0X\"", "", false)]
    [InlineData("true", "", true)]
    [InlineData("false || !true", "", false)]
    public void Matches_Builtins_ReadTheEnterpriseAndItsZone(string condition, string? zone, bool expected) =>
        Assert.Equal(expected, Parse(condition).Matches(Enterprise, zone!, [], T0));

    [Fact]
    public void Matches_EscapedQuoteAndBackslash_MatchTheName() =>
        Assert.True(Parse("name == \"a\\\"b\\\\c\"").Matches(Enterprise with { Name = "a\"b\\c" }, "", [], T0));

    [Fact]
    public void Matches_EmptyName_NoLicenceYet() =>
        Assert.True(Parse("name == \"\" && industry == \"\"").Matches(Enterprise with { Name = "", Industry = "" }, "", [], T0));

    [Theory]
    [InlineData(-1, false)]  // before any fact: unknown
    [InlineData(0, true)]    // the first fact takes effect at its effective time
    [InlineData(5, true)]
    [InlineData(10, false)]  // superseded by the second, effective now
    [InlineData(20, false)]
    public void Matches_History_ReadsTheCurrentFact(int day, bool expected)
    {
        Fact[] facts = [Fact("hrss.insured_headcount", """{"headcount":50,"month":"2025-12"}""", T0, 1),
            Fact("hrss.insured_headcount", """{"headcount":150,"month":"2026-01"}""", T0.AddDays(10), 2)];
        var condition = Parse("hrss.insured_headcount < 100");

        Assert.Equal(expected, condition.Matches(Enterprise, "", facts, T0.AddDays(day)));
        Assert.Equal(expected, condition.Matches(Enterprise, "", [.. facts.Reverse()], T0.AddDays(day)));
    }

    [Fact]
    public void Matches_SameEffectiveTime_GreaterSequenceIsCurrent()
    {
        Fact[] facts = [Fact("hrss.insured_headcount", """{"headcount":150}""", T0, 3), Fact("hrss.insured_headcount", """{"headcount":50}""", T0, 7)];

        Assert.True(Parse("hrss.insured_headcount < 100").Matches(Enterprise, "", facts, T0));
        Assert.True(Parse("hrss.insured_headcount < 100").Matches(Enterprise, "", [.. facts.Reverse()], T0));
    }

    [Fact]
    public void Matches_BackdatedFact_LaterEffectiveTimeIsCurrent()
    {
        // Published second but effective earlier: the earlier-published fact stays current.
        Fact[] facts = [Fact("hrss.insured_headcount", """{"headcount":150}""", T0.AddDays(2), 1), Fact("hrss.insured_headcount", """{"headcount":50}""", T0.AddDays(1), 2)];

        Assert.False(Parse("hrss.insured_headcount < 100").Matches(Enterprise, "", facts, T0.AddDays(3)));
        Assert.True(Parse("hrss.insured_headcount < 100").Matches(Enterprise, "", facts, T0.AddDays(1)));
    }

    [Theory]
    [InlineData("exists(amr.sample)", false)]
    [InlineData("!exists(amr.sample)", true)]
    [InlineData("amr.sample.count != 5", false)]
    [InlineData("amr.sample.count not in [1]", false)]
    [InlineData("!(amr.sample.count == 1)", true)]
    public void Matches_FactNotYetEffective_Unknown(string condition, bool expected) =>
        Assert.Equal(expected, Parse(condition).Matches(Enterprise, "", [Fact("amr.sample", """{"count":1}""", T0.AddSeconds(1), 1)], T0));

    [Fact]
    public void Matches_Exists_OnlyItsOwnType()
    {
        var condition = Parse("exists(tax.credit_grade)");

        Assert.True(condition.Matches(Enterprise, "", [Fact("tax.credit_grade", """{"grade":"A","year":2025}""", T0, 1)], T0));
        Assert.False(condition.Matches(Enterprise, "", [Fact("customs.credit_class", """{"class":"general"}""", T0, 1)], T0));
        Assert.False(condition.Matches(Enterprise, "", [], T0));
    }

    [Fact]
    public void Matches_Exists_TrueEvenWithUnreadableAttributes() =>
        Assert.True(Parse("exists(amr.sample)").Matches(Enterprise, "", [Fact("amr.sample", "{", T0, 1)], T0));

    [Fact]
    public void Matches_FactsOfOtherTypes_Ignored() =>
        Assert.False(Parse("amr.sample.count == 1").Matches(Enterprise, "", [Fact("tax.credit_grade", """{"count":1}""", T0, 1)], T0));

    [Theory]
    [InlineData("""{"headcount":99}""")]
    [InlineData("""{"headcount":100}""")]
    [InlineData("""{"month":"2026-01"}""")]
    [InlineData(null)]
    public void Matches_Shorthand_SameAsTheNamedField(string? attributes)
    {
        IReadOnlyList<Fact> facts = attributes is null ? [] : [Fact("hrss.insured_headcount", attributes, T0, 1)];

        Assert.Equal(
            Parse("hrss.insured_headcount.headcount < 100").Matches(Enterprise, "", facts, T0),
            Parse("hrss.insured_headcount < 100").Matches(Enterprise, "", facts, T0));
        Assert.Equal(Parse("hrss.insured_headcount.headcount < 100").Canonical, Parse("hrss.insured_headcount < 100").Canonical);
    }

    [Fact]
    public void Matches_Shorthand_TheOnlyDecimalField() =>
        Assert.True(Parse("amr.business_license >= 1000.5").Matches(
            Enterprise, "", [Fact("amr.business_license", """{"name":"x","registered_capital":1000.50,"status":"存续"}""", T0, 1)], T0));

    [Fact]
    public void Matches_SpecExample_AllPartsNeeded()
    {
        var condition = Parse("""zone == "nansha" && industry in ["C39", "I65"] && hrss.insured_headcount < 100""");
        Fact[] small = [Fact("hrss.insured_headcount", """{"headcount":12,"month":"2026-01"}""", T0, 1)];

        Assert.True(condition.Matches(Enterprise, "nansha", small, T0));
        Assert.False(condition.Matches(Enterprise, "qianhai", small, T0));
        Assert.False(condition.Matches(Enterprise with { Industry = "F51" }, "nansha", small, T0));
        Assert.False(condition.Matches(Enterprise, "nansha", [Fact("hrss.insured_headcount", """{"headcount":100}""", T0, 1)], T0));
        Assert.False(condition.Matches(Enterprise, "nansha", [], T0));
    }
}
