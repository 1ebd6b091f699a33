using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>
/// Oversized metadata fails that one call with RESOURCE_EXHAUSTED; the connection and its other
/// streams live on. (Over Kestrel's own limits the whole connection would close.)
/// </summary>
public sealed class MetadataLimitTests(EdgeFixture hub) : IClassFixture<EdgeFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Call_With64KBOfMetadata_ResourceExhaustedAndAnOpenWatchOnTheSameChannelSurvives()
    {
        var customs = hub.Client("customs");
        using var timeout = new CancellationTokenSource(Patience);
        using var watch = customs.Exchange.WatchFacts(new WatchFactsRequest
        {
            AfterSequence = 0, FactTypes = { "customs.credit_class" }, Purpose = "edge test", OfficerId = "officer-7", HeartbeatSeconds = 1,
        }, cancellationToken: timeout.Token);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));

        var error = await Assert.ThrowsAsync<RpcException>(() => customs.Audit.VerifyChainAsync(
            new VerifyChainRequest(), new Metadata { { "x-bulk", new string('m', 64 * 1000) } }, cancellationToken: timeout.Token).ResponseAsync);
        var published = await customs.Exchange.PublishFactsAsync(new PublishFactsRequest
        {
            Facts = { TestData.Draft(TestData.NewUscc("440305"), "customs.credit_class", "edge-metadata-1", ("class", Value.ForString("general"))) },
        }, cancellationToken: timeout.Token);
        var sequence = published.Results.Single().Sequence;
        long seen = 0;
        while (seen != sequence && await watch.ResponseStream.MoveNext(timeout.Token))
        {
            seen = watch.ResponseStream.Current.Fact?.Sequence ?? 0;
        }

        RawCalls.AssertRefused(error, StatusCode.ResourceExhausted, "METADATA_TOO_LARGE", "64 KB of metadata");
        Assert.Equal(sequence, seen);
    }

    [Fact]
    public async Task Call_With200MetadataEntries_ResourceExhausted()
    {
        var metadata = new Metadata();
        for (var i = 0; i < 200; i++)
        {
            metadata.Add($"x-entry-{i}", "v");
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Audit.VerifyChainAsync(new VerifyChainRequest(), metadata).ResponseAsync);

        RawCalls.AssertRefused(error, StatusCode.ResourceExhausted, "METADATA_TOO_LARGE", "200 entries");
    }

    [Fact]
    public async Task Call_With8KBOfMetadata_Succeeds()
    {
        var reply = await hub.Client("hrss").Audit.VerifyChainAsync(new VerifyChainRequest(), new Metadata { { "x-bulk", new string('m', 8 * 1000) } });

        Assert.NotNull(reply);
    }
}
