using System.Diagnostics;
using System.Threading.Channels;
using EnterpriseHub.Core.Operations;
using Microsoft.Extensions.Logging;

namespace EnterpriseHub.Core.Audit;

/// <summary>
/// Records audit entries that do not ride in a publish's own transaction (reads, refusals).
/// <see cref="RecordAsync"/> returns only once the entry is durable; entries from concurrent
/// calls share one transaction and one fsync (group commit), so an audited read costs little
/// more than an unaudited one.
/// </summary>
public sealed partial class AuditTrail : IAsyncDisposable
{
    private const int MaxGroup = 1024;

    private readonly IAuditStore store;
    private readonly ILogger<AuditTrail> logger;
    private readonly HubMetrics metrics;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task committing;
    private int queued;

    public AuditTrail(IAuditStore store, ILogger<AuditTrail> logger, HubMetrics? metrics = null)
    {
        this.store = store;
        this.logger = logger;
        this.metrics = metrics ?? HubMetrics.None;
        committing = Task.Run(CommitLoopAsync);
    }

    /// <summary>
    /// Completes when the entry is durable; faults (the caller's request with it) when it could not
    /// be stored. An entry of the access log that names several enterprises (a batch read, a search,
    /// a refusal) is stored as one record per enterprise: each enterprise receives its records with
    /// their Merkle leaves, which must not tell it which other enterprises the same call touched.
    /// </summary>
    public Task RecordAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Usccs.Count > 1 && AuditActions.InAccessLog(entry.Action)
            ? Task.WhenAll(entry.Usccs.Distinct(StringComparer.Ordinal).Select(uscc => Enqueue(entry with { Usccs = [uscc] })))
            : Enqueue(entry);
    }

    private Task Enqueue(AuditEntry entry)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        Interlocked.Increment(ref queued);
        if (!queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref queued);
            throw new ObjectDisposedException(nameof(AuditTrail), "the audit trail is closed");
        }

        return pending.Durable.Task;
    }

    /// <summary>Stops taking entries and waits until every queued one is stored.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await committing.ConfigureAwait(false);
    }

    private async Task CommitLoopAsync()
    {
        var group = new List<Pending>(MaxGroup);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Let the calls running right now add their entries to this group: yield while the
            // queue keeps growing. A commit (an fsync) costs as much CPU as a read, so fuller
            // groups mean fewer of them; this waits for no timer and adds no fixed latency.
            for (var seen = -1; Volatile.Read(ref queued) is var now && now != seen && now < MaxGroup;)
            {
                seen = now;
                await Task.Yield();
            }

            while (group.Count < MaxGroup && queue.Reader.TryRead(out var next))
            {
                Interlocked.Decrement(ref queued);
                group.Add(next);
            }

            try
            {
                using (var span = HubTracing.Source.StartActivity("audit commit"))
                {
                    span?.SetTag("hub.audit.records", group.Count);
                    await store.AppendAuditAsync(group.ConvertAll(p => p.Entry), CancellationToken.None).ConfigureAwait(false);
                }

                metrics.AuditCommitSize.Record(group.Count);
                metrics.AuditCommitWait.Record(Stopwatch.GetElapsedTime(group[0].Queued).TotalSeconds);
                group.ForEach(p => p.Durable.TrySetResult());
            }
            catch (Exception exception)
            {
                // The calls waiting on these entries fail; nothing is reported as audited that is not.
                CommitFailed(logger, exception, group.Count);
                group.ForEach(p => p.Durable.TrySetException(exception));
            }

            group.Clear();
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Could not store {Count} audit records; their calls fail")]
    private static partial void CommitFailed(ILogger logger, Exception exception, int count);

    /// <param name="Queued">When the entry was queued (<see cref="Stopwatch"/> timestamp), for the commit wait.</param>
    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Durable, long Queued);
}

