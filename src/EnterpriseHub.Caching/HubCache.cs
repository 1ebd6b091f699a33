using System.Collections.Concurrent;
using System.Security.Cryptography;
using EnterpriseHub.Core.Operations;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Caching;

/// <summary>
/// Versioned entries in the distributed cache, correct across replicas. Every key has a version
/// (a random token, itself cached, drawn by the first lookup that finds none) and its entry is
/// stored under key and version. A change removes the version after it commits and before its call
/// returns, so every later lookup on any replica draws a new one and asks for an entry that only a
/// read begun after the commit can have written; a read that raced the change writes under the old
/// version, which nobody asks for again. Removing rather than drawing a new version leaves nothing
/// in the cache for what nobody reads: a bulk import of a million enterprises adds no entry.
/// <para>
/// When the cache fails or answers slowly, calls go to the store: a call waits for the cache at
/// most <see cref="CacheOptions.TimeoutMilliseconds"/>, then the hub leaves it alone for
/// <see cref="CacheOptions.RetrySeconds"/>. Invalidations that could not be written are replayed
/// before this replica reads from the cache again.
/// </para>
/// </summary>
public sealed partial class HubCache
{
    private const int MaxPending = 100_000;

    /// <summary>How long an invalidation may wait for a slow cache before the change's call returns.</summary>
    public static readonly TimeSpan ChangePatience = TimeSpan.FromSeconds(5);

    // Timeouts and retries are about the cache server, not the domain: they run on the real clock
    // even where tests move the hub's own time.
    private readonly TimeProvider clock = TimeProvider.System;
    private readonly IDistributedCache cache;
    private readonly ILogger logger;
    private readonly CacheOptions options;
    private readonly DistributedCacheEntryOptions lifetime;
    private readonly HubMetrics metrics;
    private readonly ConcurrentDictionary<string, byte> pending = new(StringComparer.Ordinal);
    private long downUntil;
    private long unusedUntil;
    private int down;
    private int replaying;

    public HubCache(IDistributedCache cache, IOptions<CacheOptions> options, ILogger<HubCache> logger, HubMetrics? metrics = null)
    {
        this.cache = cache;
        this.metrics = metrics ?? HubMetrics.None;
        this.logger = logger;
        this.options = options.Value;
        lifetime = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(this.options.EntryMinutes) };
    }

    /// <summary>
    /// Opens the connection before the first call, which would otherwise pay for it and, taking
    /// longer than a lookup may wait, count the cache as failing. A cache that is down at start is
    /// reported like any other outage, and the hub starts without it.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (options.Enabled)
        {
            await TryAsync(t => cache.GetAsync(VersionKey("connect"), t), cancellationToken, TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>The key's current version, created when it has none; null when the cache cannot be used now.</summary>
    public async Task<string?> VersionAsync(string key, CancellationToken cancellationToken) =>
        (await CurrentVersionAsync(key, cancellationToken)).Version;

    /// <summary>
    /// The key's current version and the entry stored under it (null when absent or the cache
    /// failed); the version is null when the cache cannot be used now. A version created by this
    /// call has no entry yet, so the entry is not asked for (a miss, one round trip fewer).
    /// </summary>
    public async Task<(string? Version, byte[]? Value)> EntryAsync(string key, CancellationToken cancellationToken)
    {
        var (version, created) = await CurrentVersionAsync(key, cancellationToken);
        if (version is null)
        {
            return (null, null);
        }

        if (created)
        {
            Missed(Absent);
            return (version, null);
        }

        return (version, await GetAsync(key, version, cancellationToken));
    }

    private async Task<(string? Version, bool Created)> CurrentVersionAsync(string key, CancellationToken cancellationToken)
    {
        if (!ReadsUsable())
        {
            Missed(options.Enabled ? Unavailable : null);
            return (null, false);
        }

        var (ok, stored) = await TryAsync(t => cache.GetAsync(VersionKey(key), t), cancellationToken);
        if (!ok)
        {
            Missed(Unavailable);
            return (null, false);
        }

        if (stored is not null)
        {
            return (Convert.ToHexString(stored), false);
        }

        var version = RandomNumberGenerator.GetBytes(8);
        var (set, _) = await TryAsync(t => SetAsync(VersionKey(key), version, t), cancellationToken);
        return set ? (Convert.ToHexString(version), true) : (null, false);
    }

    /// <summary>The entry stored under the key's version, or null (absent, or the cache failed).</summary>
    public async Task<byte[]?> GetAsync(string key, string version, CancellationToken cancellationToken)
    {
        var (ok, value) = await TryAsync(t => cache.GetAsync(EntryKey(key, version), t), cancellationToken);
        if (value is not null)
        {
            metrics.CacheHits.Add(1);
        }
        else
        {
            Missed(ok ? Absent : Unavailable);
        }

        return value;
    }

    /// <summary>Stores an entry under the version the value was read for.</summary>
    public Task SetAsync(string key, string version, byte[] value, CancellationToken cancellationToken) =>
        TryAsync(t => SetAsync(EntryKey(key, version), value, t), cancellationToken);

    /// <summary>
    /// Removes each key's version, so that no replica reads what was cached before. Call it after
    /// the change commits and before the changing call returns. Other replicas must not read the
    /// old version afterwards, so the hub waits for a slow cache up to <see cref="ChangePatience"/>
    /// (a lookup's timeout only while the cache counts as failing, when it fails fast anyway). Keys
    /// the cache could not take are kept and replayed before this replica reads from it again.
    /// </summary>
    public async Task InvalidateAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        var patience = clock.GetTimestamp() < Volatile.Read(ref downUntil) ? TimeSpan.FromMilliseconds(options.TimeoutMilliseconds) : ChangePatience;
        // One wait for the whole batch (a publish invalidates a thousand keys at once); a key whose
        // write had not succeeded when the wait ended is replayed, even if it lands later.
        var list = keys as IReadOnlyList<string> ?? [.. keys];
        var removals = new Task[list.Count];
        for (var i = 0; i < removals.Length; i++)
        {
            removals[i] = ForgetVersionAsync(list[i]);
        }

        var (ok, _) = await TryAsync(async _ => { await Task.WhenAll(removals); return true; }, cancellationToken, patience);
        if (!ok)
        {
            Remember(list.Where((_, i) => !removals[i].IsCompletedSuccessfully).ToList());
        }
    }

    private static readonly KeyValuePair<string, object?> Absent = new("reason", "absent");
    private static readonly KeyValuePair<string, object?> Unavailable = new("reason", "unavailable");

    /// <summary>Counts a lookup the cache did not answer; a disabled cache counts nothing.</summary>
    private void Missed(KeyValuePair<string, object?>? reason)
    {
        if (reason is { } tag)
        {
            metrics.CacheMisses.Add(1, tag);
        }
    }

    private bool ReadsUsable()
    {
        if (!options.Enabled)
        {
            return false;
        }

        var now = clock.GetTimestamp();
        if (now < Volatile.Read(ref downUntil))
        {
            return false;
        }

        if (!pending.IsEmpty)
        {
            StartReplay();
            return false;
        }

        return now >= Volatile.Read(ref unusedUntil);
    }

    private void Remember(IReadOnlyCollection<string> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        if (pending.Count + keys.Count > MaxPending)
        {
            // Too many to replay: wait until every entry that could be stale has expired.
            Volatile.Write(ref unusedUntil, clock.GetTimestamp() + (long)(lifetime.AbsoluteExpirationRelativeToNow!.Value.TotalSeconds * clock.TimestampFrequency));
            InvalidationsLost(logger, options.EntryMinutes);
            return;
        }

        foreach (var key in keys)
        {
            pending.TryAdd(key, 0);
        }
    }

    private void StartReplay()
    {
        if (Interlocked.CompareExchange(ref replaying, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in pending.Keys.Chunk(256))
                {
                    var results = await Task.WhenAll(chunk.Select(async key =>
                        (key, (await TryAsync(async _ => { await ForgetVersionAsync(key); return true; }, CancellationToken.None)).Ok)));
                    foreach (var (key, _) in results.Where(r => r.Ok))
                    {
                        pending.TryRemove(key, out _);
                    }

                    if (results.Any(r => !r.Ok))
                    {
                        return;
                    }
                }
            }
            finally
            {
                Volatile.Write(ref replaying, 0);
            }
        });
    }

    private async Task<(bool Ok, T? Value)> TryAsync<T>(
        Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        try
        {
            var value = await call(CancellationToken.None)
                .WaitAsync(timeout ?? TimeSpan.FromMilliseconds(options.TimeoutMilliseconds), clock, cancellationToken);
            if (Volatile.Read(ref down) == 1 && Interlocked.Exchange(ref down, 0) == 1)
            {
                CacheBack(logger);
            }

            return (true, value);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            Volatile.Write(ref downUntil, clock.GetTimestamp() + (long)(options.RetrySeconds * clock.TimestampFrequency));
            if (Interlocked.Exchange(ref down, 1) == 0)
            {
                CacheUnavailable(logger, exception.GetType().Name, options.RetrySeconds);
            }

            return (false, default);
        }
    }

    // Async, so that a cache throwing at once fails the task rather than the loop.
    private async Task ForgetVersionAsync(string key) => await cache.RemoveAsync(VersionKey(key), CancellationToken.None);

    private async Task<bool> SetAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        await cache.SetAsync(key, value, lifetime, cancellationToken);
        return true;
    }

    private string VersionKey(string key) => $"{options.KeyPrefix}v:{key}";

    private string EntryKey(string key, string version) => $"{options.KeyPrefix}e:{key}:{version}";

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "The cache failed or answered too slowly ({Error}); lookups go to the store, and the cache is tried again every {RetrySeconds} s")]
    private static partial void CacheUnavailable(ILogger logger, string error, double retrySeconds);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "The cache answers again; lookups use it again")]
    private static partial void CacheBack(ILogger logger);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning,
        Message = "Too many cache invalidations could not be written; this replica leaves the cache unused for {Minutes} min so that no stale entry is read")]
    private static partial void InvalidationsLost(ILogger logger, int minutes);
}
