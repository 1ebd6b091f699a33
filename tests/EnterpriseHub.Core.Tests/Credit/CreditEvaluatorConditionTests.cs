using EnterpriseHub.Core.Credit;
using static EnterpriseHub.Core.Tests.Credit.CreditTestData;

namespace EnterpriseHub.Core.Tests.Credit;

/// <summary>Each operator on each field type of amr.sample, including missing, null and ill-typed attributes.</summary>
public sealed class CreditEvaluatorConditionTests
{
    [Theory]
    // string
    [InlineData("name", "eq", "\"acme\"", """{"name":"acme"}""", true)]
    [InlineData("name", "eq", "\"acme\"", """{"name":"Acme"}""", false)]
    [InlineData("name", "ne", "\"acme\"", """{"name":"Acme"}""", true)]
    [InlineData("name", "ne", "\"acme\"", """{"name":"acme"}""", false)]
    [InlineData("name", "in", "[\"a\", \"acme\"]", """{"name":"acme"}""", true)]
    [InlineData("name", "in", "[\"a\", \"b\"]", """{"name":"acme"}""", false)]
    // enum
    [InlineData("status", "eq", "\"shut\"", """{"status":"shut"}""", true)]
    [InlineData("status", "ne", "\"shut\"", """{"status":"open"}""", true)]
    [InlineData("status", "in", "[\"open\"]", """{"status":"shut"}""", false)]
    // integer
    [InlineData("count", "gt", "5", """{"count":6}""", true)]
    [InlineData("count", "gt", "5", """{"count":5}""", false)]
    [InlineData("count", "ge", "5", """{"count":5}""", true)]
    [InlineData("count", "lt", "5", """{"count":4}""", true)]
    [InlineData("count", "lt", "5", """{"count":5}""", false)]
    [InlineData("count", "le", "5", """{"count":5.0}""", true)]
    [InlineData("count", "eq", "1000", """{"count":1E3}""", true)]
    [InlineData("count", "in", "[1, 2]", """{"count":2}""", true)]
    // decimal
    [InlineData("amount", "gt", "100000", """{"amount":100000.01}""", true)]
    [InlineData("amount", "gt", "100000", """{"amount":100000}""", false)]
    [InlineData("amount", "ge", "0.1", """{"amount":0.10}""", true)]
    [InlineData("amount", "le", "-1", """{"amount":-2.5}""", true)]
    [InlineData("amount", "ne", "3", """{"amount":3.000}""", false)]
    // boolean
    [InlineData("active", "eq", "true", """{"active":true}""", true)]
    [InlineData("active", "eq", "true", """{"active":false}""", false)]
    [InlineData("active", "ne", "true", """{"active":false}""", true)]
    [InlineData("active", "in", "[false]", """{"active":false}""", true)]
    // date
    [InlineData("day", "lt", "\"2026-03-01\"", """{"day":"2026-02-28"}""", true)]
    [InlineData("day", "ge", "\"2026-03-01\"", """{"day":"2026-02-28"}""", false)]
    [InlineData("day", "gt", "\"2025-12-31\"", """{"day":"2026-01-01"}""", true)]
    [InlineData("day", "eq", "\"2026-01-01\"", """{"day":"2026-01-01"}""", true)]
    // a missing field never equals a value: only ne holds
    [InlineData("name", "eq", "\"acme\"", "{}", false)]
    [InlineData("name", "ne", "\"acme\"", "{}", true)]
    [InlineData("name", "in", "[\"acme\"]", "{}", false)]
    [InlineData("count", "gt", "5", "{}", false)]
    [InlineData("count", "lt", "5", "{}", false)]
    [InlineData("day", "le", "\"2026-01-01\"", "{}", false)]
    [InlineData("active", "ne", "true", "{}", true)]
    // null and ill-typed attributes count as missing
    [InlineData("status", "ne", "\"shut\"", """{"status":null}""", true)]
    [InlineData("status", "eq", "\"shut\"", """{"status":null}""", false)]
    [InlineData("amount", "gt", "5", """{"amount":"9"}""", false)]
    [InlineData("amount", "ne", "5", """{"amount":"5"}""", true)]
    [InlineData("day", "lt", "\"2026-03-01\"", """{"day":"yesterday"}""", false)]
    [InlineData("active", "eq", "true", """{"active":"true"}""", false)]
    public void Evaluate_Condition_HoldsAsTheOperatorSays(string field, string op, string value, string attributes, bool holds)
    {
        var rules = Parse(File(rules: Rule(conditions: $$"""[ { "field": "{{field}}", "op": "{{op}}", "value": {{value}} } ]""")));

        var profile = CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", attributes, T0, 1)], T0);

        Assert.Equal(holds, profile.Signals.Count == 1);
    }

    [Theory]
    [InlineData("""{"count":6,"status":"shut"}""", true)]
    [InlineData("""{"count":6,"status":"open"}""", false)]
    [InlineData("""{"count":4,"status":"shut"}""", false)]
    public void Evaluate_SeveralConditions_AllMustHold(string attributes, bool holds)
    {
        var rules = Parse(File(rules: Rule(conditions: """
            [ { "field": "count", "op": "gt", "value": 5 }, { "field": "status", "op": "eq", "value": "shut" } ]
            """.Trim())));

        var profile = CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", attributes, T0, 1)], T0);

        Assert.Equal(holds, profile.Signals.Count == 1);
    }

    [Fact]
    public void Evaluate_NoConditions_EveryCurrentFactCounts()
    {
        var profile = CreditEvaluator.Evaluate(Parse(File()), Uscc, [Fact("amr.sample", "{}", T0, 1)], T0);

        Assert.Equal("r", Assert.Single(profile.Signals).Rule);
    }

    [Fact]
    public void Evaluate_AttributesNotJson_EveryFieldMissing()
    {
        var rules = Parse(File(rules: [
            Rule(name: "ne", conditions: """[ { "field": "name", "op": "ne", "value": "x" } ]"""),
            Rule(name: "eq", conditions: """[ { "field": "name", "op": "eq", "value": "x" } ]"""),
        ]));

        var profile = CreditEvaluator.Evaluate(rules, Uscc, [Fact("amr.sample", "not json", T0, 1)], T0);

        Assert.Equal("ne", Assert.Single(profile.Signals).Rule);
    }
}
