using System.Runtime.CompilerServices;
using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Core.Credit;

/// <summary>One event of an alert watch: an alert, or (when <see cref="Alert"/> is null) a heartbeat.</summary>
/// <param name="Position">Every matching alert up to this sequence has been delivered.</param>
public sealed record AlertEvent(CreditAlert? Alert, long Position, DateTimeOffset Time);

/// <summary>
/// One open watch of credit alerts: reads the alert log a page at a time after its position,
/// like a fact watch reads the fact log, woken when alerts are appended on any replica.
/// </summary>
public sealed class CreditWatch
{
    public const int PageSize = 256;

    private readonly ICreditStore store;
    private readonly AlertSignal signal;
    private readonly TimeProvider time;
    private readonly HashSet<string>? divisions;
    private readonly CreditLevel? minLevel;
    private readonly TimeSpan heartbeat;
    private long position;

    internal CreditWatch(
        ICreditStore store, AlertSignal signal, TimeProvider time, long after, IReadOnlyList<string>? divisions, CreditLevel? minLevel,
        TimeSpan heartbeat)
    {
        this.store = store;
        this.signal = signal;
        this.time = time;
        this.divisions = divisions is null ? null : new HashSet<string>(divisions, StringComparer.Ordinal);
        this.minLevel = minLevel;
        this.heartbeat = heartbeat;
        position = after;
    }

    public async IAsyncEnumerable<AlertEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastSent = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            var page = await store.ReadCreditAlertsAsync(position, PageSize, cancellationToken);
            foreach (var alert in page)
            {
                position = alert.Sequence;
                if (Matches(alert))
                {
                    lastSent = time.GetUtcNow();
                    yield return new AlertEvent(alert, position, lastSent);
                }
            }

            if (page.Count == PageSize)
            {
                continue;
            }

            var quiet = lastSent + heartbeat - time.GetUtcNow();
            if (quiet > TimeSpan.Zero)
            {
                using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var first = await Task.WhenAny(wake, Task.Delay(quiet, time, stopWaiting.Token));
                await stopWaiting.CancelAsync();
                if (first == wake)
                {
                    continue;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            lastSent = time.GetUtcNow();
            yield return new AlertEvent(null, position, lastSent);
        }
    }

    private bool Matches(CreditAlert alert) =>
        (divisions is null || divisions.Contains(alert.Uscc.Substring(2, 6)))
        && (minLevel is null || alert.Before >= minLevel || alert.After >= minLevel);
}
