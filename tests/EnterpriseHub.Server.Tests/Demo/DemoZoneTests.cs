extern alias server;

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using server::EnterpriseHub.Server.Demo;
using EnterpriseHub.Tests;

namespace EnterpriseHub.Server.Tests.Demo;

public sealed class DemoZoneTests
{
    private const string Licence = "amr.business_license";
    private static readonly Lazy<IReadOnlyList<DemoFact>> DefaultFacts = new(() => DemoZone.Generate());

    [Fact]
    public void Validate_EveryDemoFact_NoViolation()
    {
        var types = CatalogFile.Load(CatalogPath()).FactTypes.ToDictionary(type => type.Name);
        var facts = DemoZone.Generate(50);
        var violations = new List<FieldViolation>();

        for (var i = 0; i < facts.Count; i++)
        {
            var draft = facts[i].Draft;
            Assert.True(types.TryGetValue(draft.FactType, out var type), $"{draft.FactType} is not in the catalog");
            Assert.Equal(type.Owner, facts[i].Publisher);
            AttributeValidator.Validate(type, draft.AttributesJson, $"facts[{i}].attributes", violations);
        }

        Assert.Empty(violations);
        Assert.Equal(6, facts.Select(fact => fact.Draft.FactType).Distinct().Count());
    }

    [Fact]
    public void Generate_SameArguments_ByteIdenticalOutput()
    {
        var first = DemoZone.Generate(300, 7);
        var second = DemoZone.Generate(300, 7);

        Assert.Equal(Dump(first), Dump(second));
        Assert.Equal(Dump(DefaultFacts.Value), Dump(DemoZone.Generate()));
    }

    [Fact]
    public void Generate_OtherSeed_OtherEnterprises()
    {
        Assert.NotEqual(Dump(DemoZone.Generate(300, 7)), Dump(DemoZone.Generate(300, 8)));
    }

    [Fact]
    public void Generate_Default_EveryUsccParsesAsEnterprise()
    {
        var codes = DefaultFacts.Value.Select(fact => fact.Draft.Uscc).Distinct(StringComparer.Ordinal).ToList();

        Assert.Equal(3000, codes.Count);
        Assert.All(codes, code =>
        {
            Assert.True(Uscc.TryParse(code, out var uscc, out var problem), problem);
            Assert.True(uscc.OrganizationCheckPassed);
            Assert.False(uscc.IsLegacy);
            Assert.Equal('9', uscc.RegistrationAuthority);
            Assert.Equal('1', uscc.EntityType);
            Assert.StartsWith("MA", uscc.OrganizationCode, StringComparison.Ordinal);
            Assert.Contains(uscc.DivisionCode, DemoZone.DivisionCodes);
        });
    }

    [Theory]
    [InlineData(1000, 20261126)]
    [InlineData(1, 1)]
    [InlineData(50, 42)]
    public void Generate_AnySeed_FixedUsccsPresentWithLicenceAndNoCourtRecord(int perZone, int seed)
    {
        var facts = DemoZone.Generate(perZone, seed);

        Assert.Equal(3, DemoZone.FixedUsccs.Count);
        foreach (var code in DemoZone.FixedUsccs)
        {
            var own = facts.Where(fact => fact.Draft.Uscc == code).Select(fact => fact.Draft.FactType).ToList();
            Assert.Contains(Licence, own);
            Assert.Contains("tax.registration", own);
            Assert.Contains("tax.credit_grade", own);
            Assert.Contains("hrss.insured_headcount", own);
            Assert.DoesNotContain("court.dishonest_debtor", own);
        }

        var licence = facts.Single(fact => fact.Draft.Uscc == "91440115MA5HUB013L" && fact.Draft.FactType == Licence);
        Assert.Equal(("广州南沙海联科技有限公司", "I65"), EnterpriseIdentity.FromLicence(licence.Draft.AttributesJson));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1)]
    [InlineData(17)]
    public void Generate_EnterprisesPerZone_EachZoneHasThatManyEnterprises(int perZone)
    {
        var facts = DemoZone.Generate(perZone);

        foreach (var type in new[] { Licence, "tax.registration", "tax.credit_grade", "hrss.insured_headcount" })
        {
            var perDivision = facts
                .Where(fact => fact.Draft.FactType == type)
                .GroupBy(fact => fact.Draft.Uscc.Substring(2, 6))
                .ToDictionary(group => group.Key, group => group.Select(fact => fact.Draft.Uscc).Distinct().Count());
            Assert.Equal(DemoZone.DivisionCodes.Order(StringComparer.Ordinal), perDivision.Keys.Order(StringComparer.Ordinal));
            Assert.All(perDivision.Values, count => Assert.Equal(perZone, count));
        }
    }

    [Fact]
    public void Generate_Default_OptionalFactsHaveRealisticShares()
    {
        var facts = DefaultFacts.Value;

        var customs = facts.Count(fact => fact.Draft.FactType == "customs.credit_class");
        var court = facts.Count(fact => fact.Draft.FactType == "court.dishonest_debtor");
        Assert.InRange(customs, 750, 1050);
        Assert.InRange(court, 10, 60);
        var grades = facts.Where(fact => fact.Draft.FactType == "tax.credit_grade")
            .Select(fact => ReadString(fact.Draft.AttributesJson, "grade"))
            .ToList();
        Assert.True(grades.Count(grade => grade == "B") > grades.Count(grade => grade == "A"));
        Assert.True(grades.Count(grade => grade == "A") > grades.Count(grade => grade == "D"));
    }

    [Fact]
    public void Generate_Default_EveryAttributesJsonIsCanonicalObject()
    {
        Assert.All(DefaultFacts.Value, fact =>
        {
            using var document = JsonDocument.Parse(fact.Draft.AttributesJson);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            Assert.Equal(Canonicalize(document.RootElement), fact.Draft.AttributesJson);
        });
    }

    [Fact]
    public void Generate_Default_LicencesAreComplete()
    {
        var industries = new[] { "C39", "I65", "G54", "M73", "F51", "L72" };
        var licences = DefaultFacts.Value.Where(fact => fact.Draft.FactType == Licence).ToList();

        Assert.All(licences, fact =>
        {
            using var document = JsonDocument.Parse(fact.Draft.AttributesJson);
            var root = document.RootElement;
            Assert.EndsWith("有限公司", root.GetProperty("name").GetString(), StringComparison.Ordinal);
            Assert.Contains(root.GetProperty("industry").GetString(), industries);
            Assert.Equal(JsonValueKind.Number, root.GetProperty("registered_capital").ValueKind);
            var established = DateOnly.ParseExact(root.GetProperty("established").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var validUntil = DateOnly.ParseExact(root.GetProperty("valid_until").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.True(validUntil > established);
            Assert.Equal("存续", root.GetProperty("status").GetString());
        });
        Assert.Equal(licences.Count, licences.Select(fact => ReadString(fact.Draft.AttributesJson, "name")).Distinct().Count());
    }

    [Fact]
    public void Generate_Default_SourceRecordIdsUniquePerPublisher()
    {
        foreach (var group in DefaultFacts.Value.GroupBy(fact => fact.Publisher))
        {
            var ids = group.Select(fact => fact.Draft.SourceRecordId).ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Generate_Default_FactTypePrefixEqualsPublisher()
    {
        Assert.All(DefaultFacts.Value, fact => Assert.Equal(fact.Publisher + ".", fact.Draft.FactType[..(fact.Publisher.Length + 1)]));
        Assert.Equal(
            ["amr", "court", "customs", "hrss", "tax"],
            DefaultFacts.Value.Select(fact => fact.Publisher).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_Default_OrderedByPublisherThenFactType()
    {
        var keys = DefaultFacts.Value.Select(fact => (fact.Publisher, fact.Draft.FactType)).ToList();

        var sorted = keys.OrderBy(key => key.Publisher, StringComparer.Ordinal)
            .ThenBy(key => key.FactType, StringComparer.Ordinal);
        Assert.Equal(sorted, keys);
    }

    [Fact]
    public void Generate_Default_EffectiveTimesArePastWholeSecondsUtc()
    {
        var cutoff = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.All(DefaultFacts.Value, fact =>
        {
            Assert.Equal(TimeSpan.Zero, fact.Draft.EffectiveTime.Offset);
            Assert.Equal(0, fact.Draft.EffectiveTime.Ticks % TimeSpan.TicksPerSecond);
            Assert.True(fact.Draft.EffectiveTime < cutoff);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Generate_NoEnterprises_Throws(int perZone)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoZone.Generate(perZone));
    }

    private static string Dump(IReadOnlyList<DemoFact> facts)
    {
        var text = new StringBuilder();
        foreach (var fact in facts)
        {
            var draft = fact.Draft;
            text.Append(fact.Publisher).Append('|').Append(draft.Uscc).Append('|').Append(draft.FactType).Append('|')
                .Append(draft.AttributesJson).Append('|').Append(draft.EffectiveTime.UtcTicks).Append('|')
                .Append(draft.SourceRecordId).Append('\n');
        }

        return text.ToString();
    }

    private static string ReadString(string json, string property)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(property).GetString()!;
    }

    // Independent of the generator: rewrite with keys sorted ordinally, compact, relaxed escaping.
    private static string Canonicalize(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, element);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(property => property.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string CatalogPath() => Repository.File("src", "EnterpriseHub.Server", "Catalog", "catalog.json");
}
