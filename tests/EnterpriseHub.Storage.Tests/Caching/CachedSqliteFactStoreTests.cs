using EnterpriseHub.Caching;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Tests.Sqlite;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Storage.Tests.Caching;

/// <summary>
/// The whole store contract again, with the profile cache in front of the SQLite adapter: a
/// cached store must answer exactly as the store does, after every append.
/// </summary>
public sealed class CachedSqliteFactStoreTests : SqliteFactStoreTests
{
    private readonly MemoryDistributedCache memory = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly HubCache cache;

    public CachedSqliteFactStoreTests() =>
        cache = new HubCache(memory, Options.Create(new CacheOptions()), NullLogger<HubCache>.Instance);

    protected override IFactStore Wrap(IFactStore adapter) => new CachedFactStore(adapter, cache);

    [Fact]
    public async Task GetEnterpriseAsync_SecondRead_FromTheCache_ExactlyWhatTheStoreHolds()
    {
        await SeedDirectoryAsync();
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"B","note":"引号\"与\\u0000转义"}""", T0.AddTicks(1), "tax-9"));

        var first = await Store.GetEnterpriseAsync(Nansha, CancellationToken.None);
        var cached = await Store.GetEnterpriseAsync(Nansha, CancellationToken.None);
        var stored = await Adapter.GetEnterpriseAsync(Nansha, CancellationToken.None);

        Assert.NotNull(await memory.GetAsync($"hub:v:enterprise:{Nansha}"));
        Assert.Equal(stored!.Summary, cached!.Summary);
        Assert.Equal(stored.Facts, cached.Facts);
        Assert.Equal(stored.Facts.Select(f => f.EffectiveTime.UtcTicks), cached.Facts.Select(f => f.EffectiveTime.UtcTicks));
        Assert.Equal(first!.Facts, cached.Facts);
    }

    [Fact]
    public async Task AppendAsync_AfterACachedRead_TheNextReadHasTheNewFact()
    {
        await SeedDirectoryAsync();
        var before = await Store.GetEnterprisesAsync([Nansha, Zhuhai], CancellationToken.None);

        await AppendAsync("tax", Draft(Zhuhai, TaxGrade, """{"grade":"C"}""", T0.AddDays(1), "tax-10"));
        var after = await Store.GetEnterprisesAsync([Nansha, Zhuhai], CancellationToken.None);
        var one = await Store.GetEnterpriseAsync(Zhuhai, CancellationToken.None);

        Assert.DoesNotContain(before[1].Facts, f => f.FactType == TaxGrade);
        Assert.Contains(after[1].Facts, f => f.FactType == TaxGrade);
        Assert.Contains(one!.Facts, f => f.FactType == TaxGrade);
        Assert.Equal(before[0].Facts, after[0].Facts);
    }
}
