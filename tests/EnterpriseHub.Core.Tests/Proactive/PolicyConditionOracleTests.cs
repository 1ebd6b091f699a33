using System.Globalization;
using System.Text.Json.Nodes;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using static EnterpriseHub.Core.Tests.Proactive.ProactiveTestData;

namespace EnterpriseHub.Core.Tests.Proactive;

/// <summary>
/// Conditions checked against hand-written C# predicates over seeded random enterprises: facts with
/// history, future facts, missing and null attributes. The predicates read the current fact their
/// own way and spell out "unknown is not a match" field by field.
/// </summary>
public sealed class PolicyConditionOracleTests
{
    private static readonly string[] Zones = ["nansha", "qianhai", ""];
    private static readonly string[] Industries = ["C39", "I65", "F51", ""];
    private static readonly string[] Divisions = ["440115", "440106", "310115"];
    private static readonly string[] Statuses = ["存续", "在业", "吊销", "注销"];
    private static readonly string[] Grades = ["A", "B", "M", "C", "D"];

    public static TheoryData<string, int> Cases => new()
    {
        { """zone == "nansha" && industry in ["C39", "I65"] && hrss.insured_headcount < 100""", 0 },
        { """(tax.credit_grade.grade in ["A", "B"] || amr.business_license.registered_capital >= 1000.5) && !(division == "440115")""", 1 },
        { """amr.business_license.valid_until < date("2026-06-30") && amr.business_license.status not in ["吊销", "注销"] || !exists(hrss.insured_headcount)""", 2 },
        { """amr.business_license.established >= date("2020-01-01") && hrss.insured_headcount.month != "2026-01" || tax.credit_grade.grade == "D" """, 3 },
        { """!(hrss.insured_headcount >= 50) && exists(amr.business_license)""", 4 },
        { """amr.business_license.registered_capital != 1000.5 && (zone != "" || industry not in ["F51"])""", 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_RandomEnterprises_AgreesWithHandWrittenPredicate(string source, int predicate)
    {
        var condition = Parse(source);
        var random = new Random(20260101 + predicate);
        var outcomes = new HashSet<bool>();
        for (var i = 0; i < 600; i++)
        {
            var (enterprise, zone, facts) = RandomEnterprise(random, i);
            foreach (var now in new[] { T0, T0.AddDays(15) })
            {
                var expected = Expected(predicate, new View(enterprise, zone, facts, now));
                Assert.True(expected == condition.Matches(enterprise, zone, facts, now), $"{enterprise} in '{zone}' at {now:O}: expected {expected}");
                outcomes.Add(expected);
            }
        }

        // Both outcomes occur, so the agreement says something.
        Assert.Equal(2, outcomes.Count);
    }

    private static bool Expected(int predicate, View v) => predicate switch
    {
        0 => v.Zone == "nansha" && v.Enterprise.Industry is "C39" or "I65" && v.Number("hrss.insured_headcount", "headcount") is { } h && h < 100,
        1 => (v.Text("tax.credit_grade", "grade") is "A" or "B" || v.Number("amr.business_license", "registered_capital") is { } c && c >= 1000.5m)
            && v.Enterprise.Uscc.Substring(2, 6) != "440115",
        2 => (v.Date("amr.business_license", "valid_until") is { } until && until < new DateOnly(2026, 6, 30)
                && v.Text("amr.business_license", "status") is { } status && status != "吊销" && status != "注销")
            || v.Current("hrss.insured_headcount") is null,
        3 => (v.Date("amr.business_license", "established") is { } established && established >= new DateOnly(2020, 1, 1)
                && v.Text("hrss.insured_headcount", "month") is { } month && month != "2026-01")
            || v.Text("tax.credit_grade", "grade") == "D",
        4 => !(v.Number("hrss.insured_headcount", "headcount") is { } h && h >= 50) && v.Current("amr.business_license") is not null,
        _ => v.Number("amr.business_license", "registered_capital") is { } capital && capital != 1000.5m
            && (v.Zone != "" || v.Enterprise.Industry != "F51"),
    };

    private static (EnterpriseSummary Enterprise, string Zone, List<Fact> Facts) RandomEnterprise(Random random, int index)
    {
        var uscc = $"91{Pick(random, Divisions)}MA{index:D8}";
        var facts = new List<Fact>();
        var sequence = 1;
        for (var n = random.Next(4); n > 0; n--)
        {
            var licence = new JsonObject { ["name"] = $"企业{index}", ["industry"] = "C39" };
            Maybe(random, licence, "registered_capital", () => JsonValue.Create(Pick(random, [500m, 1000.5m, 1000.49m, 1000.50m, 2000m])));
            Maybe(random, licence, "established", () => JsonValue.Create(Day(random, new DateOnly(2015, 1, 1), 4000)));
            Maybe(random, licence, "valid_until", () => JsonValue.Create(Day(random, new DateOnly(2026, 1, 1), 700)));
            Maybe(random, licence, "status", () => JsonValue.Create(Pick(random, Statuses)));
            facts.Add(Fact("amr.business_license", licence.ToJsonString(), Effective(random), sequence++, uscc));
        }

        for (var n = random.Next(4); n > 0; n--)
        {
            var headcount = new JsonObject();
            Maybe(random, headcount, "headcount", () => JsonValue.Create(random.Next(0, 200)));
            Maybe(random, headcount, "month", () => JsonValue.Create(Pick(random, ["2025-12", "2026-01"])));
            facts.Add(Fact("hrss.insured_headcount", headcount.ToJsonString(), Effective(random), sequence++, uscc));
        }

        for (var n = random.Next(3); n > 0; n--)
        {
            var grade = new JsonObject { ["year"] = 2025 };
            Maybe(random, grade, "grade", () => JsonValue.Create(Pick(random, Grades)));
            facts.Add(Fact("tax.credit_grade", grade.ToJsonString(), Effective(random), sequence++, uscc));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(facts));
        return (new EnterpriseSummary(uscc, $"企业{index}", Pick(random, Industries)), Pick(random, Zones), facts);
    }

    /// <summary>Sets the field most of the time, leaves it out or sets null otherwise.</summary>
    private static void Maybe(Random random, JsonObject attributes, string field, Func<JsonNode> value)
    {
        var roll = random.Next(10);
        if (roll < 8)
        {
            attributes[field] = value();
        }
        else if (roll == 8)
        {
            attributes[field] = null;
        }
    }

    // Whole days and some half days either side of T0, so ties on the effective time happen too.
    private static DateTimeOffset Effective(Random random) => T0.AddHours(12 * random.Next(-40, 40));

    private static string Day(Random random, DateOnly from, int range) =>
        from.AddDays(random.Next(range)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    /// <summary>The current fact of a type, read directly: the last by effective time then sequence among those in force.</summary>
    private sealed record View(EnterpriseSummary Enterprise, string Zone, List<Fact> Facts, DateTimeOffset Now)
    {
        public Fact? Current(string type) => Facts
            .Where(fact => fact.FactType == type && fact.EffectiveTime <= Now)
            .OrderBy(fact => fact.EffectiveTime)
            .ThenBy(fact => fact.Sequence)
            .LastOrDefault();

        public decimal? Number(string type, string field) => Node(type, field)?.GetValue<decimal>();

        public string? Text(string type, string field) => Node(type, field)?.GetValue<string>();

        public DateOnly? Date(string type, string field) =>
            Text(type, field) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

        private JsonNode? Node(string type, string field) =>
            Current(type) is { } fact ? JsonNode.Parse(fact.AttributesJson)![field] : null;
    }
}
