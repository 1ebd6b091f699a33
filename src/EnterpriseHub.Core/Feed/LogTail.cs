using System.Runtime.CompilerServices;

namespace EnterpriseHub.Core.Feed;

/// <summary>One event of a tail: an entry, or (when <see cref="Entry"/> is null) a heartbeat.</summary>
/// <param name="Position">Every entry up to this sequence has been passed on.</param>
public sealed record TailEvent<T>(T? Entry, long Position, DateTimeOffset Time)
    where T : class;

/// <summary>
/// Follows an append-only log (credit alerts, notice deliveries) after a position: reads it a
/// page at a time, yields the entries that match, and when it has caught up waits for the log's
/// signal or sends a heartbeat after <c>heartbeat</c> of silence. The signal is taken before each
/// read, so an append between the read and the wait still wakes it; a missed wake-up costs a
/// heartbeat's delay, never an entry. The next page is read only when the consumer has taken the
/// last entry, so a slow consumer slows the tail instead of filling memory.
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
        var position = after;
        var lastSent = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            var page = await readAfter(position, cancellationToken);
            foreach (var entry in page)
            {
                position = sequenceOf(entry);
                if (matches(entry))
                {
                    lastSent = time.GetUtcNow();
                    yield return new TailEvent<T>(entry, position, lastSent);
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
            yield return new TailEvent<T>(null, position, lastSent);
        }
    }
}
