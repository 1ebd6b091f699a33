using EnterpriseHub.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Caching.Tests;

public sealed class HubCacheTests
{
    private const string Key = "enterprise:91440115MA5HUB013L";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly SwitchableCache engine = new();
    private readonly CollectingLogger logger = new();
    private readonly HubCache cache;

    public HubCacheTests() =>
        cache = new HubCache(engine, Options.Create(new CacheOptions { TimeoutMilliseconds = 50, RetrySeconds = 0.05 }), logger);

    [Fact]
    public async Task VersionAsync_SameKey_SameVersionUntilInvalidated()
    {
        var first = await cache.VersionAsync(Key, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Equal(first, await cache.VersionAsync(Key, CancellationToken.None));
        await cache.InvalidateAsync([Key], CancellationToken.None);
        Assert.NotEqual(first, await cache.VersionAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task SetAsync_ReadThatRacedAChange_WritesWhereNoLaterLookupLooks()
    {
        var before = (await cache.VersionAsync(Key, CancellationToken.None))!;

        // The change commits and invalidates while a read that began earlier is still at the store.
        await cache.InvalidateAsync([Key], CancellationToken.None);
        await cache.SetAsync(Key, before, [1, 2, 3], CancellationToken.None);
        var after = (await cache.VersionAsync(Key, CancellationToken.None))!;

        Assert.NotEqual(before, after);
        Assert.Null(await cache.GetAsync(Key, after, CancellationToken.None));
        Assert.Equal([1, 2, 3], await cache.GetAsync(Key, before, CancellationToken.None));
    }

    [Fact]
    public async Task CacheFailing_CallsGoWithoutIt_WarnedOnce_BackWhenItAnswers()
    {
        Assert.NotNull(await cache.VersionAsync(Key, CancellationToken.None));
        engine.Mode = SwitchableCache.Failure.Throw;

        for (var i = 0; i < 20; i++)
        {
            var version = await cache.VersionAsync(Key, CancellationToken.None);
            Assert.Null(version);
        }

        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        engine.Mode = SwitchableCache.Failure.None;
        Assert.NotNull(await UntilUsableAsync());
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Information);
    }

    [Fact]
    public async Task CacheHanging_CallsGiveUpAfterTheTimeout()
    {
        engine.Mode = SwitchableCache.Failure.Hang;

        var version = await cache.VersionAsync(Key, CancellationToken.None).WaitAsync(Patience);

        Assert.Null(version);
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task InvalidationLostWhileFailing_ReplayedBeforeTheCacheIsReadAgain()
    {
        var before = (await cache.VersionAsync(Key, CancellationToken.None))!;
        await cache.SetAsync(Key, before, [9], CancellationToken.None);
        engine.Mode = SwitchableCache.Failure.Throw;

        await cache.InvalidateAsync([Key], CancellationToken.None);
        engine.Mode = SwitchableCache.Failure.None;
        var after = await UntilUsableAsync();

        Assert.NotEqual(before, after);
        Assert.Null(await cache.GetAsync(Key, after!, CancellationToken.None));
    }

    [Fact]
    public async Task BatchInvalidationFailing_EveryKeyReplayedBeforeTheCacheIsReadAgain()
    {
        string[] keys = [.. Enumerable.Range(0, 50).Select(i => $"enterprise:{i}")];
        var before = new Dictionary<string, string>();
        foreach (var key in keys)
        {
            before[key] = (await cache.VersionAsync(key, CancellationToken.None))!;
        }

        engine.Mode = SwitchableCache.Failure.Throw;
        await cache.InvalidateAsync(keys, CancellationToken.None);
        engine.Mode = SwitchableCache.Failure.None;
        await UntilUsableAsync();

        foreach (var key in keys)
        {
            Assert.NotEqual(before[key], await cache.VersionAsync(key, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Disabled_NeverUsesTheCache()
    {
        var disabled = new HubCache(engine, Options.Create(new CacheOptions { Enabled = false }), logger);

        await disabled.InvalidateAsync([Key], CancellationToken.None);

        Assert.Null(await disabled.VersionAsync(Key, CancellationToken.None));
        Assert.Equal(0, engine.Calls);
    }

    /// <summary>Asks for a version until the cache is used again (after its retry interval); waits on that, not on time.</summary>
    private async Task<string?> UntilUsableAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            if (await cache.VersionAsync(Key, CancellationToken.None) is { } version)
            {
                return version;
            }

            await Task.Yield();
        }
    }

    /// <summary>A real in-memory cache that can be made to fail or hang, as a Redis server can.</summary>
    private sealed class SwitchableCache : IDistributedCache
    {
        private readonly MemoryDistributedCache inner = new(Options.Create(new MemoryDistributedCacheOptions()));
        private int calls;

        public enum Failure
        {
            None,
            Throw,
            Hang,
        }

        public volatile Failure Mode;

        public int Calls => calls;

        public byte[]? Get(string key) => throw new NotSupportedException();

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Run(() => inner.GetAsync(key, token));

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            Run(async () => { await inner.SetAsync(key, value, options, token); return true; });

        public void Refresh(string key) => throw new NotSupportedException();

        public Task RefreshAsync(string key, CancellationToken token = default) => throw new NotSupportedException();

        public void Remove(string key) => throw new NotSupportedException();

        public Task RemoveAsync(string key, CancellationToken token = default) =>
            Run(async () => { await inner.RemoveAsync(key, token); return true; });

        private Task<T> Run<T>(Func<Task<T>> call)
        {
            Interlocked.Increment(ref calls);
            return Mode switch
            {
                Failure.Throw => Task.FromException<T>(new IOException("connection refused")),
                Failure.Hang => new TaskCompletionSource<T>().Task,
                _ => call(),
            };
        }
    }

    private sealed class CollectingLogger : ILogger<HubCache>
    {
        private readonly List<(LogLevel Level, string Message)> entries = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (entries)
                {
                    return [.. entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (entries)
            {
                entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
