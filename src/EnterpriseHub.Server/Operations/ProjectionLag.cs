using System.Diagnostics.Metrics;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Operations;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Server.Operations;

/// <summary>
/// <c>hub.projection.lag</c>: how many facts of the log each projection led by this process has
/// not applied yet (the credit projection, the notice matcher; one that another replica leads
/// reports nothing here), and for each department with subscriptions how far its furthest-behind
/// subscription's acknowledgement is from the log's head. The head is read after every wake-up of
/// the feed, at most once a <see cref="MinInterval"/> and at least every <see cref="MaxInterval"/>,
/// and the subscriptions with it, so a scrape never waits for the store.
/// </summary>
public sealed class ProjectionLag : BackgroundService
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(5);

    private readonly ISubscriptionStore log;
    private readonly FactTypeCatalog catalog;
    private readonly FeedSignal feed;
    private readonly CreditProjection credit;
    private readonly NoticeMatcher notices;
    private readonly ILogger<ProjectionLag> logger;
    private long head = -1;
    private IReadOnlyDictionary<string, long> subscriptions = new Dictionary<string, long>(StringComparer.Ordinal);

    public ProjectionLag(
        ISubscriptionStore log, FactTypeCatalog catalog, FeedSignal feed, CreditProjection credit, NoticeMatcher notices, HubMetrics metrics,
        ILogger<ProjectionLag> logger)
    {
        this.log = log;
        this.catalog = catalog;
        this.feed = feed;
        this.credit = credit;
        this.notices = notices;
        this.logger = logger;
        metrics.Meter.CreateObservableGauge("hub.projection.lag", Observe, "{fact}", "Facts of the log a projection led by this process has not applied yet");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var known = Interlocked.Read(ref head);
        if (known < 0)
        {
            yield break;
        }

        if (credit.IsLeading)
        {
            yield return new Measurement<long>(Math.Max(0, known - credit.Applied), new KeyValuePair<string, object?>("projection", "credit"));
        }

        if (notices.IsLeading && notices.State is { } state)
        {
            yield return new Measurement<long>(Math.Max(0, known - state.FactCursor), new KeyValuePair<string, object?>("projection", "notices"));
        }

        foreach (var (department, lag) in Volatile.Read(ref subscriptions))
        {
            yield return new Measurement<long>(lag, new("projection", "subscriptions"), new("caller", department));
        }
    }

    /// <summary>Per department with subscriptions (only departments subscribe), its largest distance from the head.</summary>
    private async Task<IReadOnlyDictionary<string, long>> SubscriptionLagAsync(long known, CancellationToken cancellationToken)
    {
        var lags = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var department in catalog.All.Select(t => t.Owner).Distinct(StringComparer.Ordinal))
        {
            var own = await log.ListSubscriptionsAsync(department, cancellationToken);
            if (own.Count > 0)
            {
                lags[department] = own.Max(s => Math.Max(0, known - s.AckedPosition));
            }
        }

        return lags;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Sampling the store is the hub's own housekeeping: it runs on the real clock.
        var clock = TimeProvider.System;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = feed.Next;
            try
            {
                var known = await log.HeadSequenceAsync(stoppingToken);
                Volatile.Write(ref subscriptions, await SubscriptionLagAsync(known, stoppingToken));
                Interlocked.Exchange(ref head, known);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                OperationsLog.HeadUnknown(logger, exception.Message);
            }

            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(wake, Task.Delay(MaxInterval, clock, stopWaiting.Token));
            await stopWaiting.CancelAsync();
            await Task.Delay(MinInterval, clock, stoppingToken);
        }
    }
}
