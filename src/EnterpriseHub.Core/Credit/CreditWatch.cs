using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// One open watch of credit alerts: the alert log after its position, filtered by zone and level,
/// woken when alerts are appended on any replica.
/// </summary>
public sealed class CreditWatch
{
    private readonly ICreditStore store;
    private readonly AlertSignal signal;
    private readonly TimeProvider time;
    private readonly HashSet<string>? divisions;
    private readonly CreditLevel? minLevel;
    private readonly TimeSpan heartbeat;
    private readonly long after;

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
        this.after = after;
    }

    public IAsyncEnumerable<TailEvent<CreditAlert>> EventsAsync(CancellationToken cancellationToken) =>
        LogTail.FollowAsync(
            (position, token) => store.ReadCreditAlertsAsync(position, LogTail.PageSize, token), a => a.Sequence, Matches, signal, time, after,
            heartbeat, cancellationToken);

    private bool Matches(CreditAlert alert) =>
        (divisions is null || divisions.Contains(alert.Uscc.Substring(2, 6)))
        && (minLevel is null || alert.Before >= minLevel || alert.After >= minLevel);
}
