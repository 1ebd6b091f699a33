using System.Runtime.CompilerServices;

namespace EnterpriseHub.Core.Feed;

/// <summary>One event of a tail: an entry, or (when <see cref="Entry"/> is null) a heartbeat.</summary>
/// <param name="Position">Every entry up to this sequence has been passed on.</param>
public sealed record TailEvent<T>(T? Entry, long Position, DateTimeOffset Time)
    where T : class;

/// <summary>
/// Follows an append-only log (credit alerts, notice deliveries) after a position with a
/// <see cref="LogFollower"/>: yields the entries that match, and a heartbeat after
/// <c>heartbeat</c> of silence. Heartbeats keep a caller's stream alive, so they are paced on the
/// real clock (<see cref="TimeProvider.System"/>), whatever time the hub's domain keeps; the time
/// an event carries is the hub's.
/// </summary>
public static class LogTail
{
    public const int PageSize = 256;

    public static async IAsyncEnumerable<TailEvent<T>> FollowAsync<T>(
        Func<long, CancellationToken, Task<IReadOnlyList<T>>> readAfter,
        Func<T, long> sequenceOf,
        Func<T, bool> matches,
        WakeSignal signal,
        TimeProvider time,
        long after,
        TimeSpan heartbeat,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var beat = TimeProvider.System;
        var lastSent = beat.GetTimestamp();
        var passes = LogFollower.FollowAsync(
            (position, _, token) => readAfter(position, token), sequenceOf, PageSize, [signal], () => heartbeat - beat.GetElapsedTime(lastSent), beat,
            after, cancellationToken);
        await foreach (var pass in passes)
        {
            if (pass.Quiet)
            {
                lastSent = beat.GetTimestamp();
                yield return new TailEvent<T>(null, pass.Position, time.GetUtcNow());
                continue;
            }

            foreach (var entry in pass.Entries)
            {
                if (matches(entry))
                {
                    lastSent = beat.GetTimestamp();
                    yield return new TailEvent<T>(entry, sequenceOf(entry), time.GetUtcNow());
                }
            }
        }
    }
}
