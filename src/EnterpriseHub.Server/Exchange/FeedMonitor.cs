using System.Collections.Concurrent;
using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Server.Exchange;

/// <summary>
/// Which watches had to wait for their consumer (HTTP/2 flow control), so an operator or a test
/// can see that a stalled consumer holds the hub to a bounded number of events.
/// </summary>
public sealed class FeedMonitor
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FactWatch>> blocked = new(StringComparer.Ordinal);

    /// <summary>Completes when the watch with this request id first finds its consumer not keeping up.</summary>
    public Task<FactWatch> BlockedAsync(string requestId) => Blocked(requestId).Task;

    internal void Blocked(string requestId, FactWatch watch) => Blocked(requestId).TrySetResult(watch);

    internal void Closed(string requestId) => blocked.TryRemove(requestId, out _);

    private TaskCompletionSource<FactWatch> Blocked(string requestId) =>
        blocked.GetOrAdd(requestId, _ => new TaskCompletionSource<FactWatch>(TaskCreationOptions.RunContinuationsAsynchronously));
}
