namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// A lease among the callers of one store instance: one process holds an embedded store's file,
/// so that is every hub on it. At most one lease is out at a time; disposing it (once or more) frees it.
/// </summary>
internal sealed class ProcessLease
{
    private int held;

    public IAsyncDisposable? TryTake() => Interlocked.CompareExchange(ref held, 1, 0) == 0 ? new Taken(this) : null;

    private sealed class Taken(ProcessLease lease) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                Volatile.Write(ref lease.held, 0);
            }

            return ValueTask.CompletedTask;
        }
    }
}
