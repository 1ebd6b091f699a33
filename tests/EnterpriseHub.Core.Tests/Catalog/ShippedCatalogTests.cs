using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Tests;

namespace EnterpriseHub.Core.Tests.Catalog;

/// <summary>The catalog the server ships (src/EnterpriseHub.Server/Catalog/catalog.json).</summary>
public sealed class ShippedCatalogTests
{
    private static readonly Lazy<CatalogDocument> Shipped = new(() => CatalogFile.Load(CatalogPath()));

    [Fact]
    public void Load_ShippedCatalog_HasTheDemoDepartmentsTypes()
    {
        var sharing = Shipped.Value.FactTypes.ToDictionary(type => type.Name, type => type.Sharing);

        Assert.Equal(
            new Dictionary<string, SharingClass>
            {
                ["amr.business_license"] = SharingClass.Unconditional,
                ["amr.abnormal_operations"] = SharingClass.Unconditional,
                ["amr.administrative_penalty"] = SharingClass.Unconditional,
                ["tax.registration"] = SharingClass.Unconditional,
                ["tax.credit_grade"] = SharingClass.Conditional,
                ["tax.arrears"] = SharingClass.Conditional,
                ["customs.credit_class"] = SharingClass.Unconditional,
                ["hrss.insured_headcount"] = SharingClass.Conditional,
                ["court.dishonest_debtor"] = SharingClass.Unconditional,
                ["amr.declared_address"] = SharingClass.NotShared,
                ["tax.declared_address"] = SharingClass.NotShared,
                ["customs.declared_address"] = SharingClass.NotShared,
                ["hrss.declared_address"] = SharingClass.NotShared,
                ["amr.credit_objection"] = SharingClass.NotShared,
                ["amr.credit_objection_answer"] = SharingClass.NotShared,
                ["tax.credit_objection"] = SharingClass.NotShared,
                ["tax.credit_objection_answer"] = SharingClass.NotShared,
                ["customs.credit_objection"] = SharingClass.NotShared,
                ["customs.credit_objection_answer"] = SharingClass.NotShared,
                ["court.credit_objection"] = SharingClass.NotShared,
                ["court.credit_objection_answer"] = SharingClass.NotShared,
            },
            sharing);
    }

    [Fact]
    public void Load_ShippedCatalog_HasTheAddressChangeFormReachingFourDepartments()
    {
        var form = Assert.Single(Shipped.Value.FormTemplates);

        Assert.Equal("change_of_registered_address", form.Name);
        Assert.Equal(["amr", "tax", "customs", "hrss"], form.Targets.Select(t => t.Split('.')[0]));
        Assert.Contains(form.Fields, f => f.Prefill == "hrss.insured_headcount.headcount");
    }

    [Fact]
    public void Parse_FormWithUnknownTargetAndPrefill_ReportsBothWithTheirLines()
    {
        var json = """
            { "factTypes": [],
              "forms": [ { "name": "f", "title": { "zh": "表", "en": "Form" },
                "fields": [ { "name": "a", "label": "A", "prefill": "amr.nothing.x" } ],
                "targets": ["amr.nowhere"] } ] }
            """;

        var error = Assert.Throws<RulesFileException>(() => CatalogFile.Parse(json, "f.json"));

        Assert.Contains(error.Problems, p => p.StartsWith("f.json:3:", StringComparison.Ordinal) && p.Contains("amr.nothing.x", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("f.json:4:", StringComparison.Ordinal) && p.Contains("amr.nowhere", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("amr.abnormal_operations", """{"decided":"2026-03-01","listed":true,"reason":"通过登记的住所无法联系"}""")]
    [InlineData("amr.administrative_penalty", """{"amount":5000.5,"decided":"2026-03-01","decision_number":"穗南市监罚〔2026〕12号","reason":"虚假宣传"}""")]
    [InlineData("tax.arrears", """{"amount":12345.67,"as_of":"2026-06-30","currency":"CNY"}""")]
    public void Validate_TypesTheDemoDoesNotPublish_AcceptTypicalFacts(string factType, string json)
    {
        var violations = new List<FieldViolation>();

        AttributeValidator.Validate(Shipped.Value.FactTypes.Single(type => type.Name == factType), json, "attributes", violations);

        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("amr.abnormal_operations", "{}", "attributes.listed")]
    [InlineData("amr.administrative_penalty", """{"decision_number":"x"}""", "attributes.decided")]
    [InlineData("tax.arrears", """{"amount":1,"currency":"USD"}""", "attributes.currency")]
    public void Validate_TypesTheDemoDoesNotPublish_RefuseBadFacts(string factType, string json, string field)
    {
        var violations = new List<FieldViolation>();

        AttributeValidator.Validate(Shipped.Value.FactTypes.Single(type => type.Name == factType), json, "attributes", violations);

        Assert.Equal(field, Assert.Single(violations).Field);
    }

    private static string CatalogPath() => Repository.File("src", "EnterpriseHub.Server", "Catalog", "catalog.json");
}
