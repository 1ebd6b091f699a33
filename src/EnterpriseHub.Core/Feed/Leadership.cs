using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Feed;

/// <summary>
/// Runs a projection that only one hub process may run at a time (the credit evaluator, the
/// notice matcher): ask the store for the lease; lead while it is held; after a conflict (another
/// process wrote), an outage or any failure, stand down, wait, and ask again. Nothing a projection
/// does can take the hub down.
/// </summary>
public static class Leadership
{
    private static readonly TimeSpan StandbyRetry = TimeSpan.FromSeconds(5);

    /// <param name="steppedDown">Told the kind of a conflict or outage that ended a lead.</param>
    /// <param name="failed">Told any other failure that ended a lead.</param>
    /// <param name="held">Raised while this process holds the lease.</param>
    public static async Task RunAsync(
        Func<CancellationToken, Task<IAsyncDisposable?>> tryLead,
        Func<CancellationToken, Task> lead,
        Action<string> steppedDown,
        Action<Exception> failed,
        TimeProvider time,
        LeaseFlag held,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await tryLead(cancellationToken);
                if (lease is not null)
                {
                    using var holding = held.Raise();
                    await lead(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HubConflictException or HubUnavailableException)
            {
                steppedDown(exception.GetType().Name);
            }
            catch (Exception exception)
            {
                failed(exception);
            }

            try
            {
                await Task.Delay(StandbyRetry, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}

/// <summary>Whether this process holds a projection's lease now (its lag is this process's to report).</summary>
public sealed class LeaseFlag
{
    private int held;

    public bool IsHeld => Volatile.Read(ref held) == 1;

    internal IDisposable Raise()
    {
        Volatile.Write(ref held, 1);
        return new Lowering(this);
    }

    private sealed class Lowering(LeaseFlag flag) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref flag.held, 0);
    }
}
