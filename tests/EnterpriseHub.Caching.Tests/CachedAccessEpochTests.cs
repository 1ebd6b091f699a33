using EnterpriseHub.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Caching.Tests;

public sealed class CachedAccessEpochTests
{
    // One cache server, two replicas each with its own HubCache in front of it.
    private readonly MemoryDistributedCache shared = new(Options.Create(new MemoryDistributedCacheOptions()));

    [Fact]
    public async Task CurrentAsync_NoChange_SameMarkOnEveryReplica()
    {
        var (one, other) = (Replica(), Replica());

        var mark = await one.CurrentAsync(CancellationToken.None);

        Assert.NotNull(mark);
        Assert.Equal(mark, await one.CurrentAsync(CancellationToken.None));
        Assert.Equal(mark, await other.CurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ChangedAsync_OnOneReplica_OtherReplicaSeesNewMarkAtOnce()
    {
        var (one, other) = (Replica(), Replica());
        var before = await other.CurrentAsync(CancellationToken.None);

        await one.ChangedAsync();

        var after = await other.CurrentAsync(CancellationToken.None);
        Assert.NotNull(after);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task CurrentAsync_CacheDisabled_NoMark()
    {
        var epoch = Replica(new CacheOptions { Enabled = false });

        await epoch.ChangedAsync();

        Assert.Null(await epoch.CurrentAsync(CancellationToken.None));
    }

    private CachedAccessEpoch Replica(CacheOptions? options = null) =>
        new(new HubCache(shared, Options.Create(options ?? new CacheOptions()), NullLogger<HubCache>.Instance));
}
