using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Feed;

/// <summary>
/// The fact log as this process's projections read it (the credit projection, the notice
/// matcher): a page is read from the store and decoded once, and a projection that asks for the
/// same page (same cursor, same size) shortly after another gets the same facts, even while the
/// first read is still running. A full page is the same whenever it is read (the log is
/// append-only); a shorter one is handed out again only while no append has been signalled since
/// its read began, so a projection never waits on a page that the log has outgrown.
/// </summary>
public sealed class FactPages(IFactStore store, FeedSignal signal)
{
    // Enough for projections several pages apart (one runs ahead of the other on bulk import); about
    // a megabyte a page of 1,000 facts. Pages are dropped oldest first.
    private const int Kept = 16;

    private readonly Lock gate = new();
    private readonly List<Page> recent = new(Kept + 1);

    /// <summary>At most <paramref name="limit"/> facts of the log after <paramref name="afterSequence"/>, in sequence order.</summary>
    public Task<IReadOnlyList<Fact>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var known = recent.FindIndex(page => page.After == afterSequence && page.Limit == limit);
            if (known >= 0 && recent[known].Current)
            {
                return recent[known].Facts.WaitAsync(cancellationToken);
            }

            if (known >= 0)
            {
                recent.RemoveAt(known);
            }
        }

        // Taken before the read: an append that the read may have missed makes the page stale.
        var since = signal.Next;
        var read = store.ReadFeedAsync(afterSequence, limit, CancellationToken.None);
        lock (gate)
        {
            recent.Add(new Page(afterSequence, limit, since, read));
            if (recent.Count > Kept)
            {
                recent.RemoveAt(0);
            }
        }

        // The shared read runs to its end for whoever else joined it; this caller may stop waiting.
        return read.WaitAsync(cancellationToken);
    }

    private sealed record Page(long After, int Limit, Task Since, Task<IReadOnlyList<Fact>> Facts)
    {
        /// <summary>Whether a caller now gets from this read what the log holds: a full page, or nothing appended since.</summary>
        public bool Current =>
            !Facts.IsFaulted && !Facts.IsCanceled
            && (!Since.IsCompleted || (Facts.IsCompletedSuccessfully && Facts.Result.Count >= Limit));
    }
}
