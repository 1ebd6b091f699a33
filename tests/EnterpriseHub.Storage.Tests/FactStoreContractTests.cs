using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Tests;

/// <summary>
/// What every <see cref="IFactStore"/> adapter must do. An adapter's test class derives from this
/// and supplies a fresh, initialized store per test.
/// </summary>
public abstract partial class FactStoreContractTests : IAsyncLifetime
{
    protected const string Nansha = "91440115MA5HUB013L";
    protected const string Nanshan = "91440305MA5HUB021A";
    protected const string Zhuhai = "91440402MA5HUB03XU";
    protected const string Shenzhen = "914403001922038216";
    protected const string Beijing = "911000001000013428";

    protected const string Licence = EnterpriseIdentity.LicenceFactType;
    protected const string TaxGrade = "tax.credit_grade";
    protected const string Headcount = "hrss.insured_headcount";

    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The store the fact tests use: the adapter, or the adapter behind the profile cache.</summary>
    protected IFactStore Store { get; private set; } = null!;

    /// <summary>The adapter itself, which also holds the audit trail, grants, catalog and subscriptions.</summary>
    protected IFactStore Adapter { get; private set; } = null!;

    /// <summary>A new, empty store, already initialized.</summary>
    protected abstract Task<IFactStore> CreateStoreAsync();

    /// <summary>Closes <paramref name="store"/> and opens another, initialized, on the same data.</summary>
    protected abstract Task<IFactStore> ReopenStoreAsync(IFactStore store);

    /// <summary>The statement that makes the store's schema read as having run its first <paramref name="steps"/> steps (of <c>SchemaSteps</c>).</summary>
    protected abstract string RewindSchemaSql(int steps);

    public async Task InitializeAsync() => Store = Wrap(Adapter = await CreateStoreAsync());

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected async Task ReopenAsync() => Store = Wrap(Adapter = await ReopenStoreAsync(Adapter));

    /// <summary>What the fact tests see of the adapter; a derived class may put a cache in front.</summary>
    protected virtual IFactStore Wrap(IFactStore adapter) => adapter;

    protected static FactDraft Draft(
        string uscc, string factType, string attributesJson, DateTimeOffset effective, string recordId) =>
        new(uscc, factType, attributesJson, effective, recordId);

    protected static FactDraft LicenceDraft(string uscc, string name, string industry, DateTimeOffset effective, string recordId) =>
        Draft(uscc, Licence, $$"""{"industry":"{{industry}}","name":"{{name}}"}""", effective, recordId);

    protected Task<IReadOnlyList<AppendedFact>> AppendAsync(string publisher, params FactDraft[] drafts) =>
        Store.AppendAsync(publisher, drafts, T0.AddHours(1), Audit(publisher), CancellationToken.None);

    protected static AuditEntry Audit(string publisher) =>
        new(T0.AddHours(1), publisher, "", AuditActions.Publish, [], [], "", "test", "ok");

    protected async Task<List<Fact>> AllHistoryAsync(string uscc, string? factType = null)
    {
        var all = new List<Fact>();
        long? before = null;
        do
        {
            var page = await Store.GetFactHistoryAsync(new FactHistoryQuery(uscc, factType, 1000, before), CancellationToken.None);
            all.AddRange(page.Items);
            before = page.NextBeforeSequence;
        }
        while (before is not null);

        return all;
    }

    /// <summary>Licences for four enterprises and a tax fact for a fifth that has no licence.</summary>
    protected async Task SeedDirectoryAsync()
    {
        await AppendAsync(
            "amr",
            LicenceDraft(Nansha, "广州南沙海联科技有限公司", "C39", T0, "lic-1"),
            LicenceDraft(Nanshan, "深圳南山100%_智能制造有限公司", "C34", T0, "lic-2"),
            LicenceDraft(Zhuhai, "珠海海联物流有限公司", "G54", T0, "lic-3"),
            LicenceDraft(Shenzhen, "深圳市海联电子有限公司", "C39", T0, "lic-4"));
        await AppendAsync("tax", Draft(Beijing, TaxGrade, """{"grade":"A"}""", T0, "tax-1"));
    }

    [Fact]
    public async Task IsEmptyAsync_NewStore_True_ThenFalseAfterAppend()
    {
        Assert.True(await Store.IsEmptyAsync(CancellationToken.None));

        await AppendAsync("tax", Draft(Beijing, TaxGrade, """{"grade":"A"}""", T0, "tax-1"));

        Assert.False(await Store.IsEmptyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_Twice_IsHarmless()
    {
        await AppendAsync("tax", Draft(Beijing, TaxGrade, """{"grade":"A"}""", T0, "tax-1"));

        await Store.InitializeAsync(CancellationToken.None);
        await Store.InitializeAsync(CancellationToken.None);

        Assert.Single(await AllHistoryAsync(Beijing));
        var next = await AppendAsync("tax", Draft(Beijing, TaxGrade, """{"grade":"B"}""", T0.AddDays(1), "tax-2"));
        Assert.False(next[0].Duplicate);
    }

    [Fact]
    public async Task ReopenStore_AfterAppend_KeepsEveryCommittedFact()
    {
        await SeedDirectoryAsync();
        var before = await Store.GetEnterpriseAsync(Nansha, CancellationToken.None);

        await ReopenAsync();

        var after = await Store.GetEnterpriseAsync(Nansha, CancellationToken.None);
        Assert.NotNull(after);
        Assert.Equal(before!.Summary, after.Summary);
        Assert.Equal(before.Facts, after.Facts);
        Assert.False(await Store.IsEmptyAsync(CancellationToken.None));
        var retried = await AppendAsync("amr", LicenceDraft(Nansha, "广州南沙海联科技有限公司", "C39", T0, "lic-1"));
        Assert.True(retried[0].Duplicate);
        var fresh = await AppendAsync("amr", LicenceDraft(Beijing, "北京某有限公司", "I65", T0, "lic-5"));
        Assert.Equal(6, fresh[0].Sequence);
    }
}
