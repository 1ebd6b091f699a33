using EnterpriseHub.Core.Operations;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Hosting;

/// <summary>How every server stream of the hub (fact watches, subscriptions, risk alerts, deliveries) is written.</summary>
internal static class WatchStreams
{
    /// <summary>
    /// Writes a watch's events until the caller leaves. Each write is awaited, so HTTP/2 flow
    /// control paces the watch; a stopping hub ends it with UNAVAILABLE, and the caller resumes
    /// elsewhere after its last position. Each write is counted in <c>hub.watch.events</c>, and
    /// one that does not complete at once (the consumer is behind) in <c>hub.watch.stalls</c>.
    /// </summary>
    public static async Task WriteAsync<TEvent, TResponse>(
        Func<CancellationToken, IAsyncEnumerable<TEvent>> events,
        Func<TEvent, TResponse> map,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        IHostApplicationLifetime lifetime)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
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
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the hub is stopping; watch again after your last position"));
        }
        finally
        {
            open.Add(-1, method);
        }
    }

    public static Heartbeat Heartbeat(long position, DateTimeOffset time) => new() { Position = position, Time = Timestamp.FromDateTimeOffset(time) };
}
