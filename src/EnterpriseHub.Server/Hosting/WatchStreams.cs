using EnterpriseHub.Core.Operations;
using EnterpriseHub.Server.Errors;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Hosting;

/// <summary>How every server stream of the hub (fact watches, subscriptions, risk alerts, deliveries) is written.</summary>
internal static class WatchStreams
{
    /// <summary>
    /// Writes a watch's events until the caller leaves. Each write is awaited, so HTTP/2 flow
    /// control paces the watch; a stopping hub ends it with UNAVAILABLE
    /// (<see cref="HubStatus.Stopping"/>), and the caller resumes elsewhere after its last
    /// position. Which came first decides: when the hub began stopping while the caller was still
    /// there, the watch ends with UNAVAILABLE even if the call's own token is cancelled before the
    /// watch has unwound (as Kestrel's shutdown may do), so the caller never reads CANCELLED, which
    /// it would not retry. Each write is counted in <c>hub.watch.events</c>, and one that does not
    /// complete at once (the consumer is behind) in <c>hub.watch.stalls</c>.
    /// </summary>
    public static async Task WriteAsync<TEvent, TResponse>(
        Func<CancellationToken, IAsyncEnumerable<TEvent>> events,
        Func<TEvent, TResponse> map,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        IHostApplicationLifetime lifetime)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var stoppedByHub = 0;
        using var stopping = lifetime.ApplicationStopping.Register(() =>
        {
            if (!context.CancellationToken.IsCancellationRequested)
            {
                Interlocked.Exchange(ref stoppedByHub, 1);
            }

            ending.Cancel();
        });
        var metrics = context.GetHttpContext().RequestServices.GetRequiredService<HubMetrics>();
        var open = metrics.WatchesOpen;
        var method = new KeyValuePair<string, object?>("method", context.Method);
        open.Add(1, method);
        try
        {
            await foreach (var next in events(ending.Token))
            {
                var write = responseStream.WriteAsync(map(next), ending.Token);
                metrics.WatchEvents.Add(1, method);
                if (!write.IsCompleted)
                {
                    metrics.WatchStalls.Add(1, method);
                }

                await write;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException && Volatile.Read(ref stoppedByHub) == 1)
        {
            throw HubStatus.Stopping(context.GetCallIds());
        }
        finally
        {
            open.Add(-1, method);
        }
    }

    public static Heartbeat Heartbeat(long position, DateTimeOffset time) => new() { Position = position, Time = Timestamp.FromDateTimeOffset(time) };
}
