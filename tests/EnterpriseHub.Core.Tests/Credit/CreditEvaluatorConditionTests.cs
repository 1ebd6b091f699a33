using EnterpriseHub.Core.Credit;
using static EnterpriseHub.Core.Tests.Credit.CreditTestData;

namespace EnterpriseHub.Core.Tests.Credit;

/// <summary>
/// A rule's condition, in the condition language, on each field type of amr.sample
/// {name string, count integer, amount decimal, active boolean, day date, status enum open|shut},
/// tested on the rule's own fact, including missing, null and ill-typed attributes.
/// </summary>
public sealed class CreditEvaluatorConditionTests
{
    [Theory]
    // string
    [InlineData("amr.sample.name == \"acme\"", """{"name":"acme"}""", true)]
    [InlineData("amr.sample.name == \"acme\"", """{"name":"Acme"}""", false)]
    [InlineData("amr.sample.name != \"acme\"", """{"name":"Acme"}""", true)]
    [InlineData("amr.sample.name != \"acme\"", """{"name":"acme"}""", false)]
    [InlineData("amr.sample.name in [\"a\", \"acme\"]", """{"name":"acme"}""", true)]
    [InlineData("amr.sample.name in [\"a\", \"b\"]", """{"name":"acme"}""", false)]
    [InlineData("amr.sample.name not in [\"a\", \"b\"]", """{"name":"acme"}""", true)]
    [InlineData("amr.sample.name < \"b\"", """{"name":"acme"}""", true)]
    // enum
    [InlineData("amr.sample.status == \"shut\"", """{"status":"shut"}""", true)]
    [InlineData("amr.sample.status != \"shut\"", """{"status":"open"}""", true)]
    [InlineData("amr.sample.status in [\"open\"]", """{"status":"shut"}""", false)]
    // integer
    [InlineData("amr.sample.count > 5", """{"count":6}""", true)]
    [InlineData("amr.sample.count > 5", """{"count":5}""", false)]
    [InlineData("amr.sample.count >= 5", """{"count":5}""", true)]
    [InlineData("amr.sample.count < 5", """{"count":4}""", true)]
    [InlineData("amr.sample.count < 5", """{"count":5}""", false)]
    [InlineData("amr.sample.count <= 5", """{"count":5.0}""", true)]
    [InlineData("amr.sample.count == 1000", """{"count":1E3}""", true)]
    [InlineData("amr.sample.count in [1, 2]", """{"count":2}""", true)]
    // decimal
    [InlineData("amr.sample.amount > 100000", """{"amount":100000.01}""", true)]
    [InlineData("amr.sample.amount > 100000", """{"amount":100000}""", false)]
    [InlineData("amr.sample.amount >= 0.1", """{"amount":0.10}""", true)]
    [InlineData("amr.sample.amount <= -1", """{"amount":-2.5}""", true)]
    [InlineData("amr.sample.amount != 3", """{"amount":3.000}""", false)]
    // boolean, also as a condition of its own
    [InlineData("amr.sample.active == true", """{"active":true}""", true)]
    [InlineData("amr.sample.active == true", """{"active":false}""", false)]
    [InlineData("amr.sample.active != true", """{"active":false}""", true)]
    [InlineData("amr.sample.active in [false]", """{"active":false}""", true)]
    [InlineData("amr.sample.active", """{"active":true}""", true)]
    [InlineData("!amr.sample.active", """{"active":true}""", false)]
    // date
    [InlineData("amr.sample.day < date(\"2026-03-01\")", """{"day":"2026-02-28"}""", true)]
    [InlineData("amr.sample.day >= date(\"2026-03-01\")", """{"day":"2026-02-28"}""", false)]
    [InlineData("amr.sample.day > date(\"2025-12-31\")", """{"day":"2026-01-01"}""", true)]
    [InlineData("amr.sample.day == date(\"2026-01-01\")", """{"day":"2026-01-01"}""", true)]
    // unknown is not a match: a missing field fails every comparison, != included; ! negates that
    [InlineData("amr.sample.name == \"acme\"", "{}", false)]
    [InlineData("amr.sample.name != \"acme\"", "{}", false)]
    [InlineData("!(amr.sample.name == \"acme\")", "{}", true)]
    [InlineData("amr.sample.name in [\"acme\"]", "{}", false)]
    [InlineData("amr.sample.name not in [\"acme\"]", "{}", false)]
    [InlineData("amr.sample.count > 5", "{}", false)]
    [InlineData("amr.sample.count < 5", "{}", false)]
    [InlineData("amr.sample.day <= date(\"2026-01-01\")", "{}", false)]
    [InlineData("!(amr.sample.active == true)", "{}", true)]
    // null and ill-typed attributes are unknown
    [InlineData("!(amr.sample.status == \"shut\")", """{"status":null}""", true)]
    [InlineData("amr.sample.status == \"shut\"", """{"status":null}""", false)]
    [InlineData("amr.sample.amount > 5", """{"amount":"9"}""", false)]
    [InlineData("!(amr.sample.amount == 5)", """{"amount":"5"}""", true)]
    [InlineData("amr.sample.day < date(\"2026-03-01\")", """{"day":"yesterday"}""", false)]
    [InlineData("amr.sample.active == true", """{"active":"true"}""", false)]
    // several fields of the one fact
    [InlineData("amr.sample.count > 1 && amr.sample.amount < 1", """{"count":2,"amount":0.5}""", true)]
    public void Evaluate_Condition_HoldsAsTheLanguageSays(string when, string attributes, bool holds)
    {
        var rules = Parse(File(rules: Rule(when: when)));

        var profile = CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", attributes, T0, 1)], T0);

        Assert.Equal(holds, profile.Signals.Count == 1);
    }

    [Theory]
    [InlineData("""{"count":6,"status":"shut"}""", true)]
    [InlineData("""{"count":6,"status":"open"}""", false)]
    [InlineData("""{"count":4,"status":"shut"}""", false)]
    public void Evaluate_Conjunction_BothMustHold(string attributes, bool holds)
    {
        var rules = Parse(File(rules: Rule(when: "amr.sample.count > 5 && amr.sample.status == \"shut\"")));

        var profile = CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", attributes, T0, 1)], T0);

        Assert.Equal(holds, profile.Signals.Count == 1);
    }

    [Theory]
    [InlineData("""{"count":6}""", true)]
    [InlineData("""{"status":"shut"}""", true)]
    [InlineData("""{"count":4,"status":"open"}""", false)]
    public void Evaluate_Disjunction_EitherHolds(string attributes, bool holds)
    {
        var rules = Parse(File(rules: Rule(when: "amr.sample.count > 5 // a comment\n  || amr.sample.status == \"shut\"")));

        var profile = CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", attributes, T0, 1)], T0);

        Assert.Equal(holds, profile.Signals.Count == 1);
    }

    [Fact]
    public void Evaluate_NoCondition_EveryCurrentFactCounts()
    {
        var profile = CreditEvaluator.Evaluate(Parse(File()), Uscc, [Fact("amr.sample", "{}", T0, 1)], T0);

        Assert.Equal("r", Assert.Single(profile.Signals).Rule);
    }

    [Fact]
    public void Evaluate_AttributesNotJson_EveryFieldUnknown()
    {
        var rules = Parse(File(rules: [
            Rule(name: "not_eq", when: "!(amr.sample.name == \"x\")"),
            Rule(name: "eq", when: "amr.sample.name == \"x\""),
            Rule(name: "ne", when: "amr.sample.name != \"x\""),
        ]));

        var profile = CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", "not json", T0, 1)], T0);

        Assert.Equal("not_eq", Assert.Single(profile.Signals).Rule);
    }

    [Fact]
    public void Evaluate_EachKey_ConditionTestedOnEveryKeysFact()
    {
        var rules = Parse(File(rules: Rule(when: "amr.sample.count > 5", extra: """, "each": "name" """)));

        var profile = CreditEvaluator.Evaluate(rules, Uscc, [
            Fact("amr.sample", """{"name":"a","count":9}""", T0, 1),
            Fact("amr.sample", """{"name":"b","count":1}""", T0, 2),
            Fact("amr.sample", """{"name":"c","count":7}""", T0.AddDays(1), 3),
        ], T0.AddDays(2));

        Assert.Equal([1L, 3L], profile.Signals.Select(signal => signal.Fact.Sequence).Order());
    }
}
