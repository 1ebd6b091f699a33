using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Quotas;

/// <summary>
/// The token buckets of every (identity, kind of call) and the stream counts of every identity,
/// on this replica. Partitions exist only for identities that got past TLS (known ones, see
/// CallerDirectory) and only while in use: the partitioned limiter drops a bucket that has been
/// full, or a stream count that has been zero, for 10 seconds, and makes it afresh (full) on the
/// next call, which is the same state. One 100 ms timer refills every bucket
/// (<see cref="RefillInterval"/>) in proportion to the time gone by.
/// </summary>
internal sealed class CallerQuotas : IDisposable
{
    /// <summary>How often the partitioned limiter refills its buckets; no retry can usefully come sooner.</summary>
    public static readonly TimeSpan RefillInterval = TimeSpan.FromMilliseconds(100);

    private readonly QuotaOptions _options;
    private readonly PartitionedRateLimiter<BucketKey> _rates;
    private readonly PartitionedRateLimiter<string> _streams;

    // The partitioner runs on every call; each key's partition (its factory) is made once. Both
    // caches hold one entry per known identity (and kind) that has called, a few dozen at most.
    private readonly ConcurrentDictionary<BucketKey, RateLimitPartition<BucketKey>> _ratePartitions = new();
    private readonly ConcurrentDictionary<string, RateLimitPartition<string>> _streamPartitions = new(StringComparer.Ordinal);

    public CallerQuotas(IOptions<QuotaOptions> options)
    {
        _options = options.Value;
        _rates = PartitionedRateLimiter.Create<BucketKey, BucketKey>(key => _ratePartitions.GetOrAdd(key, static (key, quotas) =>
        {
            var rate = quotas.RateFor(key.Caller, key.Kind);
            return rate.Unlimited
                ? RateLimitPartition.GetNoLimiter(key)
                : RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(rate));
        }, _options));
        _streams = PartitionedRateLimiter.Create<string, string>(caller => _streamPartitions.GetOrAdd(caller, static (caller, quotas) =>
            quotas.StreamsFor(caller) is var max and > 0
                ? RateLimitPartition.GetConcurrencyLimiter(caller, _ => new ConcurrencyLimiterOptions { PermitLimit = max, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(caller), _options));
    }

    /// <summary>Takes one token of <paramref name="kind"/> for <paramref name="caller"/>; on refusal, says when to try again.</summary>
    public bool TryTake(string caller, QuotaKind kind, out TimeSpan retryAfter)
    {
        using var lease = _rates.AttemptAcquire(new BucketKey(caller, kind));
        retryAfter = lease.IsAcquired ? TimeSpan.Zero : RetryAfter(lease);
        return lease.IsAcquired;
    }

    /// <summary>A slot among the caller's concurrent streams, held until the lease is disposed; null when all are taken.</summary>
    public RateLimitLease? TryOpenStream(string caller)
    {
        var lease = _streams.AttemptAcquire(caller);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    public Rate RateFor(string caller, QuotaKind kind) => _options.RateFor(caller, kind);

    public int StreamsFor(string caller) => _options.StreamsFor(caller);

    public void Dispose()
    {
        _rates.Dispose();
        _streams.Dispose();
    }

    /// <summary>
    /// A bucket refilled by the partitioned limiter's timer, one token per 1/rate seconds (so a
    /// refused caller is told the wait for the tokens it lacks), with no queue: a call over its
    /// quota is refused at once, never held.
    /// </summary>
    private static TokenBucketRateLimiterOptions Bucket(Rate rate) => new()
    {
        TokenLimit = rate.Burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, (long)Math.Round(TimeSpan.TicksPerSecond / rate.PerSecond))),
        AutoReplenishment = false,
        QueueLimit = 0,
    };

    /// <summary>The limiter's own estimate, but never sooner than its next refill.</summary>
    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > RefillInterval ? after : RefillInterval;

    private readonly record struct BucketKey(string Caller, QuotaKind Kind);
}
