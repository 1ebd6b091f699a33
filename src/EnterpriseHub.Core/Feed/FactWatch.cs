using System.Runtime.CompilerServices;
using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Operations;

namespace EnterpriseHub.Core.Feed;

/// <summary>One event of a watch: a fact, or (when <see cref="Fact"/> is null) a heartbeat.</summary>
/// <param name="Position">Every matching fact up to this sequence has been delivered.</param>
public sealed record FeedEvent(Fact? Fact, long Position, DateTimeOffset Time);

/// <summary>
/// One open watch. It reads the log a page at a time after its position and yields what
/// matches and what the caller may read now (access is decided afresh for every page). It holds
/// at most one page, and asks for the next only when the consumer has taken the last event, so
/// a slow consumer slows the watch instead of filling memory. What it reads is counted in
/// <c>hub.watch.facts.read</c>.
/// </summary>
public sealed class FactWatch
{
    public const int PageSize = 256;

    private readonly IFactStore store;
    private readonly FeedSignal signal;
    private readonly AccessPolicy policy;
    private readonly TimeProvider time;
    private readonly string caller;
    private readonly FeedFilter filter;
    private readonly TimeSpan heartbeat;
    private readonly HubMetrics metrics;
    private long position;

    internal FactWatch(
        IFactStore store, FeedSignal signal, AccessPolicy policy, TimeProvider time, string caller, FeedFilter filter, long after, TimeSpan heartbeat,
        HubMetrics metrics)
    {
        this.metrics = metrics;
        this.store = store;
        this.signal = signal;
        this.policy = policy;
        this.time = time;
        this.caller = caller;
        this.filter = filter;
        this.heartbeat = heartbeat;
        position = after;
    }

    public async IAsyncEnumerable<FeedEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Heartbeats keep the caller's stream alive: paced on the real clock, whatever time the hub's domain keeps.
        var beat = TimeProvider.System;
        var lastSent = beat.GetTimestamp();
        var passes = LogFollower.FollowAsync(
            store.ReadFeedAsync, fact => fact.Sequence, PageSize, [signal], () => heartbeat - beat.GetElapsedTime(lastSent), beat, position,
            cancellationToken);
        await foreach (var pass in passes)
        {
            if (pass.Quiet)
            {
                lastSent = beat.GetTimestamp();
                yield return new FeedEvent(null, pass.Position, time.GetUtcNow());
                continue;
            }

            if (pass.Entries.Count == 0)
            {
                continue;
            }

            metrics.WatchFactsRead.Add(pass.Entries.Count);

            var access = await policy.ForAsync(caller, cancellationToken);
            foreach (var fact in pass.Entries)
            {
                position = fact.Sequence;
                if (filter.Matches(fact) && access.CanRead(fact.FactType))
                {
                    lastSent = beat.GetTimestamp();
                    yield return new FeedEvent(fact, position, time.GetUtcNow());
                }
            }
        }
    }
}
