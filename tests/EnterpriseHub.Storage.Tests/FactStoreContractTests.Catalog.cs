using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    protected ICatalogStore CatalogStore => (ICatalogStore)Adapter;

    protected static FactTypeDefinition Definition(string name, int version, string description = "税务信用等级") =>
        new(name, SharingClass.Conditional, description, "Tax credit grade", version,
            [new FieldSchema("grade", FieldType.Enum, true, 1, ["A", "B", "M"], "等级"), new FieldSchema("year", FieldType.Integer, false, null, [], "")]);

    private static AuditEntry SchemaAudit(FactTypeDefinition definition) =>
        new(T0, "admin", "", AuditActions.SchemaChange, [], [definition.Name], "", "req", "ok", $"version {definition.Version}");

    private Task AddAsync(FactTypeDefinition definition, bool audited = true) =>
        CatalogStore.AddFactTypeVersionAsync(definition, "admin", T0, audited ? SchemaAudit(definition) : null, CancellationToken.None);

    [Fact]
    public async Task LoadFactTypesAsync_TheLatestVersionOfEachType_ByName()
    {
        Assert.Empty(await CatalogStore.LoadFactTypesAsync(CancellationToken.None));

        await AddAsync(Definition(TaxGrade, 1));
        await AddAsync(Definition(Headcount, 1));
        await AddAsync(Definition(TaxGrade, 2, "税务信用等级（新）"));

        var loaded = await CatalogStore.LoadFactTypesAsync(CancellationToken.None);
        Assert.Equal([Definition(Headcount, 1), Definition(TaxGrade, 2, "税务信用等级（新）")], loaded);
        Assert.Equal(3, (await AuditStore.ReadHeadAsync(CancellationToken.None)).Sequence);
    }

    [Fact]
    public async Task AddFactTypeVersionAsync_IdenticalVersionAgain_IsNoChangeAndNotAudited()
    {
        await AddAsync(Definition(TaxGrade, 1));

        await AddAsync(Definition(TaxGrade, 1));
        await AddAsync(Definition(TaxGrade, 1), audited: false);

        Assert.Equal([Definition(TaxGrade, 1)], await CatalogStore.LoadFactTypesAsync(CancellationToken.None));
        Assert.Equal(1, (await AuditStore.ReadHeadAsync(CancellationToken.None)).Sequence);
    }

    [Fact]
    public async Task AddFactTypeVersionAsync_OtherDefinitionAtAStoredVersion_ThrowsAndKeepsTheStoredOne()
    {
        await AddAsync(Definition(TaxGrade, 1));

        var conflict = await Assert.ThrowsAsync<HubConflictException>(() => AddAsync(Definition(TaxGrade, 1, "另一个")));

        Assert.Equal("FACT_TYPE_VERSION_CONFLICT", conflict.Reason);
        Assert.Equal([Definition(TaxGrade, 1)], await CatalogStore.LoadFactTypesAsync(CancellationToken.None));
        Assert.Equal(1, (await AuditStore.ReadHeadAsync(CancellationToken.None)).Sequence);
    }

    [Fact]
    public async Task AddFactTypeVersionAsync_WithoutAudit_StoresNoAuditRecord()
    {
        await AddAsync(Definition(TaxGrade, 1), audited: false);

        Assert.Single(await CatalogStore.LoadFactTypesAsync(CancellationToken.None));
        Assert.Empty(await AuditStore.ReadAuditAsync(1, 10, CancellationToken.None));
    }
}
