namespace EnterpriseHub.Core.Feed;

/// <summary>
/// Wakes every waiting watch when facts are appended. The log stays the source of truth: a
/// watch takes <see cref="Next"/> before it reads the log, so a publish between its read and its
/// wait still wakes it, and a missed wake-up costs a heartbeat's delay, never an event.
/// </summary>
public sealed class FeedSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the first <see cref="Notify"/> after it was taken.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
