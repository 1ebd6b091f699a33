using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EnterpriseHub.Core.Operations;

/// <summary>
/// The hub's own instruments, all on the <see cref="MeterName"/> meter. Tags are bounded sets
/// (methods, status codes, caller kinds and identities from the caller directory, fact types from
/// the catalog, projection names), never an enterprise or a payload. Classes built without DI
/// (unit tests) use <see cref="None"/>, whose meter no hub's exporter reads.
/// </summary>
public sealed class HubMetrics : IDisposable
{
    public const string MeterName = "EnterpriseHub";

    private readonly Meter? owned;

    /// <summary>Instruments on the meter of <paramref name="meters"/> (the host's factory, so each hub exports only its own).</summary>
    public HubMetrics(IMeterFactory meters)
        : this(meters.Create(MeterName), owned: false)
    {
    }

    private HubMetrics(Meter meter, bool owned)
    {
        this.owned = owned ? meter : null;
        Meter = meter;
        Calls = meter.CreateHistogram<double>(
            "hub.calls", "s", "gRPC calls handled, by method, status code and caller, with their durations",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        FactsPublished = meter.CreateCounter<long>("hub.facts.published", "{fact}", "Facts appended to the log (duplicates of a source record not counted), by fact type");
        AuditCommitSize = meter.CreateHistogram<int>(
            "hub.audit.commit.size", "{record}", "Audit records stored by one group commit",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
        AuditCommitWait = meter.CreateHistogram<double>(
            "hub.audit.commit.wait", "s", "How long the oldest record of a group commit waited until it was durable",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        CacheHits = meter.CreateCounter<long>("hub.cache.hits", "{lookup}", "Profile lookups answered by the cache");
        CacheMisses = meter.CreateCounter<long>("hub.cache.misses", "{lookup}", "Lookups the cache could not answer: absent (not cached under the current version) or unavailable (the cache failed or is left alone)");
        WatchesOpen = meter.CreateUpDownCounter<long>("hub.watches.open", "{watch}", "Server streams (watches, subscriptions, alerts, deliveries) open now, by method");
        WatchEvents = meter.CreateCounter<long>("hub.watch.events", "{event}", "Events server streams wrote to their callers (heartbeats included), by method");
        WatchStalls = meter.CreateCounter<long>(
            "hub.watch.stalls", "{write}", "Writes of server streams that had to wait for their caller to take earlier events (HTTP/2 flow control), by method");
        WatchFactsRead = meter.CreateCounter<long>("hub.watch.facts.read", "{fact}", "Facts fact watches and subscriptions read from the log, delivered or filtered out");
        ProjectionPosition = meter.CreateGauge<long>(
            "hub.projection.position", "{fact}", "The log position a projection led by this process has applied up to (for notices.policies, the policy log's)");
        RemindersSwept = meter.CreateGauge<double>(
            "hub.notices.reminders.swept", "s", "The hub's time, in seconds since the Unix epoch, up to which the notice matcher has evaluated every enterprise's reminders");
    }

    /// <summary>Instruments nobody exports: for classes constructed without a host.</summary>
    public static HubMetrics None { get; } = new(new Meter(MeterName + ".Unexported"), owned: true);

    public Meter Meter { get; }

    public Histogram<double> Calls { get; }

    public Counter<long> FactsPublished { get; }

    public Histogram<int> AuditCommitSize { get; }

    public Histogram<double> AuditCommitWait { get; }

    public Counter<long> CacheHits { get; }

    public Counter<long> CacheMisses { get; }

    public UpDownCounter<long> WatchesOpen { get; }

    public Counter<long> WatchEvents { get; }

    public Counter<long> WatchStalls { get; }

    public Counter<long> WatchFactsRead { get; }

    /// <summary>Recorded by each projection after each write; the <c>projection</c> tag names it (<c>credit</c>, <c>notices</c>, <c>notices.policies</c>).</summary>
    public Gauge<long> ProjectionPosition { get; }

    public Gauge<double> RemindersSwept { get; }

    /// <summary>Records that <paramref name="projection"/> has applied the log up to <paramref name="position"/>.</summary>
    public void Projected(string projection, long position) =>
        ProjectionPosition.Record(position, new KeyValuePair<string, object?>("projection", projection));

    public void Dispose() => owned?.Dispose();
}

/// <summary>The hub's own spans (besides ASP.NET Core's span of each call). They never carry an enterprise or a payload.</summary>
public static class HubTracing
{
    public const string SourceName = "EnterpriseHub";

    public static ActivitySource Source { get; } = new(SourceName);
}
