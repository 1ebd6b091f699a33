using System.Runtime.CompilerServices;

namespace EnterpriseHub.Core.Feed;

/// <summary>One pass of a <see cref="LogFollower"/>: a page of the log, or (when <see cref="Quiet"/>) word that none came.</summary>
/// <param name="Entries">What the pass read after the previous position, in sequence order; empty on a quiet pass.</param>
/// <param name="Position">Every entry up to this sequence has been handed over.</param>
/// <param name="Full">The page was full: the next pass reads again at once, without waiting.</param>
/// <param name="Quiet">The follower had caught up and its patience ran out before any wake-up came.</param>
public sealed record LogPass<T>(IReadOnlyList<T> Entries, long Position, bool Full, bool Quiet);

/// <summary>
/// Follows an append-only log from a cursor: the one loop behind the fact watches, the tails of
/// credit alerts and notices, the credit projection and the notice matcher. Each pass takes its
/// wake-ups (the log's signals and a timer for the follower's patience) before it reads a page, so
/// an append, or a move of the clock, that comes while the consumer works on the page ends the wait
/// that follows; a missed wake-up costs the patience's delay, never an entry. A full page is
/// followed by the next read at once; otherwise the follower waits for a wake-up, and when its
/// patience runs out first it passes on a quiet pass (a heartbeat, a look at what is due). The next
/// page is read only when the consumer has taken the last pass, so a slow consumer slows the
/// follower instead of filling memory.
/// </summary>
public static class LogFollower
{
    /// <param name="readAfter">Reads at most <paramref name="pageSize"/> entries after a sequence.</param>
    /// <param name="patience">
    /// How long to wait after a page that was not full, asked at the start of each pass (before the
    /// read, so the timer runs while the consumer works); zero or less passes on a quiet pass at once.
    /// </param>
    /// <param name="signals">What wakes the follower: the log's own signal and any other the consumer acts on.</param>
    public static async IAsyncEnumerable<LogPass<T>> FollowAsync<T>(
        Func<long, int, CancellationToken, Task<IReadOnlyList<T>>> readAfter,
        Func<T, long> sequenceOf,
        int pageSize,
        IReadOnlyList<WakeSignal> signals,
        Func<TimeSpan> patience,
        TimeProvider time,
        long after,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var position = after;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                var wait = patience();
                var wake = signals.Count == 1 ? signals[0].Next : Task.WhenAny(signals.Select(signal => signal.Next));
                var due = wait > TimeSpan.Zero ? Task.Delay(wait, time, stopWaiting.Token) : Task.CompletedTask;
                var page = await readAfter(position, pageSize, cancellationToken);
                if (page.Count > 0)
                {
                    position = sequenceOf(page[^1]);
                }

                var full = page.Count >= pageSize;
                yield return new LogPass<T>(page, position, full, Quiet: false);
                if (full)
                {
                    continue;
                }

                if (!due.IsCompleted && await Task.WhenAny(wake, due) == wake)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                yield return new LogPass<T>([], position, Full: false, Quiet: true);
            }
            finally
            {
                // The timer of a pass that ended otherwise must not stay armed.
                await stopWaiting.CancelAsync();
            }
        }
    }
}
