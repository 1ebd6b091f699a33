using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Lookup;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Exchange;

/// <summary>FactExchange: maps requests to <see cref="FactPublisher"/> and <see cref="FactFeed"/>, and their outcomes back.</summary>
internal sealed class FactExchangeService(FactPublisher publisher, FactFeed feed, FeedMonitor monitor, IHostApplicationLifetime lifetime)
    : FactExchange.FactExchangeBase
{
    public override async Task<PublishFactsResponse> PublishFacts(PublishFactsRequest request, ServerCallContext context)
    {
        var outcomes = await publisher.PublishAsync(
            context.GetCaller(), context.GetRequestId(), ExchangeMapping.ToInputs(request.Facts), context.CancellationToken);
        var response = new PublishFactsResponse();
        response.Results.AddRange(outcomes.Select(ExchangeMapping.ToResult));
        return response;
    }

    public override async Task PublishFactStream(
        IAsyncStreamReader<PublishFactStreamRequest> requestStream,
        IServerStreamWriter<PublishFactStreamResponse> responseStream,
        ServerCallContext context)
    {
        var caller = context.GetCaller();
        long chunk = 0, total = 0;
        // One chunk at a time: a chunk is acknowledged only once it is durable, and the next is
        // read only after that, so a loader never has more than one unacknowledged chunk here.
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            chunk++;
            IReadOnlyList<PublishOutcome> outcomes;
            try
            {
                outcomes = await publisher.PublishAsync(
                    caller, context.GetRequestId(), ExchangeMapping.ToInputs(requestStream.Current.Facts), context.CancellationToken);
            }
            catch (Core.Errors.HubValidationException exception)
            {
                throw new Core.Errors.HubValidationException(exception.Violations
                    .Select(v => v with { Field = $"chunk[{chunk}].{v.Field}" })
                    .ToList());
            }

            total += outcomes.Count;
            var duplicates = outcomes.Count(o => o.Duplicate);
            await responseStream.WriteAsync(new PublishFactStreamResponse
            {
                Chunk = chunk,
                Stored = outcomes.Count - duplicates,
                Duplicates = duplicates,
                LastSequence = outcomes.Max(o => o.Sequence),
                TotalFacts = total,
            });
        }
    }

    public override async Task WatchFacts(
        WatchFactsRequest request, IServerStreamWriter<WatchFactsResponse> responseStream, ServerCallContext context)
    {
        var reader = new ReadContext(context.GetCaller(), context.GetRequestId(), request.Purpose, request.OfficerId, request.ActingFor);
        var watch = await feed.OpenAsync(
            reader,
            new WatchRequest(request.AfterSequence, request.FactTypes, request.Usccs, request.Zone, request.HeartbeatSeconds),
            context.CancellationToken);
        // A stopping hub ends its watches at once rather than waiting out the shutdown timeout.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        monitor.Opened(reader.RequestId, watch);
        try
        {
            await foreach (var next in watch.EventsAsync(ending.Token))
            {
                var message = next.Fact is { } fact
                    ? new WatchFactsResponse { Fact = ExchangeMapping.ToProto(fact) }
                    : new WatchFactsResponse { Heartbeat = new Heartbeat { Position = next.Position, Time = Timestamp.FromDateTimeOffset(next.Time) } };
                var write = responseStream.WriteAsync(message, ending.Token);
                if (!write.IsCompleted)
                {
                    monitor.Blocked(reader.RequestId, watch);
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
            monitor.Closed(reader.RequestId);
        }
    }
}
