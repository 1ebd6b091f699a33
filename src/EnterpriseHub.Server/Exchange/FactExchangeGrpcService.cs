using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Lookup;
using EnterpriseHub.Server.Hosting;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Exchange;

/// <summary>FactExchange: maps requests to <see cref="FactPublisher"/> and <see cref="FactFeed"/>, and their outcomes back.</summary>
internal sealed class FactExchangeGrpcService(
    FactPublisher publisher, FactFeed feed, SubscriptionService subscriptions, IHostApplicationLifetime lifetime)
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

    /// <summary>
    /// Chunks are appended in order, each only after the one before it is durable and
    /// acknowledged, so a refused chunk stores nothing and every chunk before it is acknowledged
    /// first. The next chunk is read and validated while one is being appended, so the store's
    /// writer does not wait on validation; the hub holds at most two chunks of a stream.
    /// </summary>
    public override async Task PublishFactStream(
        IAsyncStreamReader<PublishFactStreamRequest> requestStream,
        IServerStreamWriter<PublishFactStreamResponse> responseStream,
        ServerCallContext context)
    {
        var (caller, requestId, cancellationToken) = (context.GetCaller(), context.GetRequestId(), context.CancellationToken);
        async Task<ValidBatch?> ReadAsync(long chunk)
        {
            if (!await requestStream.MoveNext(cancellationToken))
            {
                return null;
            }

            try
            {
                return await publisher.ValidateAsync(caller, requestId, ExchangeMapping.ToInputs(requestStream.Current.Facts), cancellationToken);
            }
            catch (Core.Errors.HubValidationException exception)
            {
                throw new Core.Errors.HubValidationException(exception.Violations
                    .Select(v => v with { Field = $"chunk[{chunk}].{v.Field}" })
                    .ToList());
            }
        }

        long total = 0;
        var batch = await ReadAsync(1);
        for (long chunk = 1; batch is not null; chunk++)
        {
            var current = batch;
            var appending = Task.Run(() => publisher.AppendAsync(current, cancellationToken), cancellationToken);
            var next = ReadAsync(chunk + 1);
            try
            {
                var outcomes = await appending;
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
            catch
            {
                // The call ends here, and the read of the next chunk with it; its failure, if any, follows from this one.
                _ = next.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                throw;
            }

            batch = await next;
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
        await StreamAsync(watch, responseStream, context, e => e.Fact is { } fact
            ? new WatchFactsResponse { Fact = ExchangeMapping.ToProto(fact) }
            : new WatchFactsResponse { Heartbeat = Heartbeat(e) });
    }

    public override async Task<CreateSubscriptionResponse> CreateSubscription(CreateSubscriptionRequest request, ServerCallContext context)
    {
        var stored = await subscriptions.CreateAsync(
            new ReadContext(context.GetCaller(), context.GetRequestId(), request.Purpose, request.OfficerId),
            request.Name,
            new WatchRequest(request.StartAfterSequence, request.FactTypes, request.Usccs, request.Zone, 0),
            context.CancellationToken);
        return new CreateSubscriptionResponse
        {
            Subscription = ToProto(stored, await subscriptions.HeadAsync(context.CancellationToken)),
        };
    }

    public override async Task ReadSubscription(
        ReadSubscriptionRequest request, IServerStreamWriter<ReadSubscriptionResponse> responseStream, ServerCallContext context)
    {
        var watch = await subscriptions.OpenAsync(
            context.GetCaller(), context.GetRequestId(), request.Name, request.HeartbeatSeconds, context.CancellationToken);
        await StreamAsync(watch, responseStream, context, e => e.Fact is { } fact
            ? new ReadSubscriptionResponse { Fact = ExchangeMapping.ToProto(fact) }
            : new ReadSubscriptionResponse { Heartbeat = Heartbeat(e) });
    }

    public override async Task<AckSubscriptionResponse> AckSubscription(AckSubscriptionRequest request, ServerCallContext context)
    {
        var acked = await subscriptions.AckAsync(context.GetCaller(), request.Name, request.Position, context.CancellationToken);
        return new AckSubscriptionResponse { Subscription = ToProto(acked, await subscriptions.HeadAsync(context.CancellationToken)) };
    }

    public override async Task<ListSubscriptionsResponse> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context)
    {
        var (all, head) = await subscriptions.ListAsync(context.GetCaller(), context.CancellationToken);
        var response = new ListSubscriptionsResponse();
        response.Subscriptions.AddRange(all.Select(s => ToProto(s, head)));
        return response;
    }

    private Task StreamAsync<TResponse>(
        FactWatch watch, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, Func<FeedEvent, TResponse> map) =>
        WatchStreams.WriteAsync(watch.EventsAsync, map, responseStream, context, lifetime);

    private static Heartbeat Heartbeat(FeedEvent e) => WatchStreams.Heartbeat(e.Position, e.Time);

    private static Subscription ToProto(SubscriptionRecord s, long head) => new()
    {
        Name = s.Name,
        FactTypes = { s.FactTypes },
        Usccs = { s.Usccs },
        Zone = s.Zone,
        Purpose = s.Purpose,
        OfficerId = s.OfficerId,
        AckedPosition = s.AckedPosition,
        HeadSequence = head,
        Lag = Math.Max(0, head - s.AckedPosition),
        CreateTime = Timestamp.FromDateTimeOffset(s.CreatedAt),
    };
}
