namespace EnterpriseHub.Core.Feed;

/// <summary>
/// Wakes every waiting reader of a log when something is appended to it. The log stays the source
/// of truth: a reader takes <see cref="Next"/> before it reads the log, so an append between its
/// read and its wait still wakes it, and a missed wake-up costs a heartbeat's delay, never an event.
/// </summary>
public abstract class WakeSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the first <see cref="Notify"/> after it was taken.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>Wakes the watches of the fact log when facts are appended (on any replica).</summary>
public sealed class FeedSignal : WakeSignal;

/// <summary>Wakes the watches of credit alerts when alerts are appended (on any replica).</summary>
public sealed class AlertSignal : WakeSignal;

/// <summary>Wakes the watches of delivered notices when notices are delivered (on any replica).</summary>
public sealed class NoticeSignal : WakeSignal;

/// <summary>Wakes this process's notice matcher when a policy is published here.</summary>
public sealed class PolicySignal : WakeSignal;
