using EnterpriseHub.Core.Facts;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Server.Exchange;

/// <summary>FactExchange: maps requests to <see cref="FactPublisher"/> and its outcomes back.</summary>
internal sealed class FactExchangeService(FactPublisher publisher) : FactExchange.FactExchangeBase
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
}
