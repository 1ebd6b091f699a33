using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Quotas;

/// <summary>
/// Concurrent streams per identity (customs may hold 2 on this hub): the next is refused with
/// RESOURCE_EXHAUSTED while other identities open theirs, and a slot comes back however a stream
/// ends, so nothing leaks.
/// </summary>
public sealed class StreamLimitTests(QuotaFixture hub) : IClassFixture<QuotaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WatchFacts_ThirdConcurrentStream_RefusedWhileAnotherDepartmentsOpensAndFreedWhenOneCloses()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var firstCancel = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var customs = hub.Client("customs");
        // Slots of the other test's streams may still be on their way back: honour RetryInfo.
        using var first = await OpenHonouringRetryInfoAsync(customs, firstCancel.Token);
        using var second = await OpenHonouringRetryInfoAsync(customs, timeout.Token);

        var third = await Assert.ThrowsAsync<RpcException>(() => OpenAsync(customs, timeout.Token));
        using var taxs = await OpenAsync(hub.Client("tax"), timeout.Token);
        await firstCancel.CancelAsync();
        // The hub frees the slot once it has seen the cancellation; the client retries as RetryInfo says.
        using var again = await OpenHonouringRetryInfoAsync(customs, timeout.Token);

        third.AssertQuotaRefusal("TOO_MANY_STREAMS", "customs", "concurrent streams: 2");
        Assert.True(hub.Refusals("customs", "watch", "streams") >= 1);
    }

    [Fact]
    public async Task WatchFacts_StreamsEndingInErrors_GiveTheirSlotsBack()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var customs = hub.Client("customs");
        for (var i = 0; i < 5; i++)
        {
            // No purpose: refused once the stream has its slot.
            using var call = customs.Exchange.WatchFacts(new WatchFactsRequest { FactTypes = { "customs.credit_class" } }, cancellationToken: timeout.Token);
            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(timeout.Token));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        }

        // Slots of the previous test's streams may still be on their way back: honour RetryInfo.
        using var one = await OpenHonouringRetryInfoAsync(customs, timeout.Token);
        using var two = await OpenHonouringRetryInfoAsync(customs, timeout.Token);

        Assert.NotNull(one);
        Assert.NotNull(two);
    }

    /// <summary>Opens a fact watch and waits for its first message, so that the hub has admitted it.</summary>
    private static async Task<AsyncServerStreamingCall<WatchFactsResponse>> OpenAsync(HubClient client, CancellationToken cancellationToken)
    {
        var call = client.Exchange.WatchFacts(new WatchFactsRequest
        {
            FactTypes = { "customs.credit_class" }, Purpose = "quota test", OfficerId = "officer-9", HeartbeatSeconds = 1,
        }, cancellationToken: cancellationToken);
        try
        {
            Assert.True(await call.ResponseStream.MoveNext(cancellationToken));
            return call;
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    /// <summary>Opens a watch, waiting as each TOO_MANY_STREAMS refusal's RetryInfo says (a client's duty, not a test's sleep).</summary>
    private static async Task<AsyncServerStreamingCall<WatchFactsResponse>> OpenHonouringRetryInfoAsync(HubClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await OpenAsync(client, cancellationToken);
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.ResourceExhausted)
            {
                await Task.Delay(error.RetryDelay(), cancellationToken);
            }
        }
    }
}
