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
    public static async Task RunAsync(
        Func<CancellationToken, Task<IAsyncDisposable?>> tryLead,
        Func<CancellationToken, Task> lead,
        Action<string> steppedDown,
        Action<Exception> failed,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await tryLead(cancellationToken);
                if (lease is not null)
                {
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
