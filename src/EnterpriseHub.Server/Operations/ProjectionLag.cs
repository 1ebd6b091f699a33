using System.Diagnostics.Metrics;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Operations;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Server.Operations;

/// <summary>
/// <c>hub.projection.lag</c>: how many facts of the log each projection led by this process has
/// not applied yet (the credit projection, the notice matcher). The log's head is read after
/// every wake-up of the feed, at most once a <see cref="MinInterval"/>, and at least every
/// <see cref="MaxInterval"/>, so a scrape never waits for the store. A projection another
/// replica leads reports nothing here.
/// </summary>
internal sealed class ProjectionLag : BackgroundService
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(5);

    private readonly ISubscriptionStore log;
    private readonly FeedSignal feed;
    private readonly CreditProjection credit;
    private readonly NoticeMatcher notices;
    private readonly ILogger<ProjectionLag> logger;
    private long head = -1;

    public ProjectionLag(
        ISubscriptionStore log, FeedSignal feed, CreditProjection credit, NoticeMatcher notices, HubMetrics metrics, ILogger<ProjectionLag> logger)
    {
        this.log = log;
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
                Interlocked.Exchange(ref head, await log.HeadSequenceAsync(stoppingToken));
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
