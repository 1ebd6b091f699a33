using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests;

[Collection(HubCollection.Name)]
public sealed class PublishStreamTests(HubFixture hub)
{
    private const string Purpose = "integration test";

    [Fact]
    public async Task PublishFactStream_100000Facts_AllAcknowledgedAndEveryOneReadable()
    {
        const int enterprises = 100_000, chunkSize = 1_000;
        string[] classes = ["advanced", "general", "dishonest"];
        var usccs = Enumerable.Range(0, enterprises).Select(_ => TestData.NewUscc("440305")).ToList();
        var drafts = usccs.Select((uscc, i) => TestData.Draft(
            uscc, "customs.credit_class", $"bulk-{uscc}", ("class", Value.ForString(classes[i % classes.Length]))));

        var acks = new List<PublishFactStreamResponse>();
        using (var call = hub.Client("customs").Exchange.PublishFactStream())
        {
            var reading = Task.Run(async () =>
            {
                await foreach (var ack in call.ResponseStream.ReadAllAsync())
                {
                    acks.Add(ack);
                }
            });
            foreach (var chunk in drafts.Chunk(chunkSize))
            {
                await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { chunk } });
            }

            await call.RequestStream.CompleteAsync();
            await reading;
        }

        Assert.Equal(enterprises / chunkSize, acks.Count);
        Assert.Equal(Enumerable.Range(1, acks.Count).Select(i => (long)i), acks.Select(a => a.Chunk));
        Assert.Equal(enterprises, acks[^1].TotalFacts);
        Assert.All(acks, a => Assert.Equal(chunkSize, a.Stored));
        Assert.Equal(acks.Select(a => a.LastSequence).Order(), acks.Select(a => a.LastSequence));

        var position = usccs.Select((uscc, i) => (uscc, i)).ToDictionary(p => p.uscc, p => p.i);
        var readBack = 0;
        foreach (var batch in usccs.Chunk(100))
        {
            var reply = await hub.Client("customs").Directory.BatchGetEnterprisesAsync(
                new BatchGetEnterprisesRequest { Usccs = { batch }, Purpose = Purpose, OfficerId = "officer-7" });
            Assert.Empty(reply.NotFoundUsccs);
            foreach (var enterprise in reply.Enterprises)
            {
                var fact = Assert.Single(enterprise.Facts);
                Assert.Equal($"bulk-{enterprise.Uscc}", fact.SourceRecordId);
                Assert.Equal(classes[position[enterprise.Uscc] % classes.Length], fact.Attributes.Fields["class"].StringValue);
                readBack++;
            }
        }

        Assert.Equal(enterprises, readBack);
    }

    [Fact]
    public async Task PublishFactStream_BadChunk_EndsWithItsErrorAndKeepsAcknowledgedChunks()
    {
        var first = TestData.NewUscc();
        using var call = hub.Client("tax").Exchange.PublishFactStream();

        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade(first, $"s-{first}", "A") } });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(1, call.ResponseStream.Current.Chunk);
        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade("bad", "s-bad", "A") } });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("chunk[2].facts[0].uscc", Assert.Single(error.FieldViolations()).Field);
        var kept = await hub.Client("tax").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = first, Purpose = Purpose, OfficerId = "officer-7" });
        Assert.Single(kept.Enterprise.Facts);
    }

    [Fact]
    public async Task PublishFactStream_ChunksSentAheadAndTheSecondConflicts_FirstAcknowledgedAndNothingAfterItStored()
    {
        var (first, third) = (TestData.NewUscc(), TestData.NewUscc());
        using var call = hub.Client("tax").Exchange.PublishFactStream();

        // All three are sent before any acknowledgement: the second is validated while the first is appended.
        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade(first, $"c-{first}", "A") } });
        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade(first, $"c-{first}", "D") } });
        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade(third, $"c-{third}", "B") } });
        Assert.True(await call.ResponseStream.MoveNext());
        var acknowledged = call.ResponseStream.Current;
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal((1L, 1, 0), (acknowledged.Chunk, acknowledged.Stored, acknowledged.Duplicates));
        Assert.Equal((StatusCode.FailedPrecondition, "SOURCE_RECORD_CONFLICT"), (error.StatusCode, error.Reason()));
        var kept = await hub.Client("tax").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = first, Purpose = Purpose, OfficerId = "officer-7" });
        Assert.Equal("A", Assert.Single(kept.Enterprise.Facts).Attributes.Fields["grade"].StringValue);
        var missing = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = third, Purpose = Purpose, OfficerId = "officer-7" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task PublishFactStream_InvalidChunkSentAhead_ChunkBeforeItAcknowledgedFirst()
    {
        var first = TestData.NewUscc();
        using var call = hub.Client("tax").Exchange.PublishFactStream();

        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade(first, $"v-{first}", "A") } });
        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade("bad", "v-bad", "A") } });
        Assert.True(await call.ResponseStream.MoveNext());
        var acknowledged = call.ResponseStream.Current;
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal((1L, 1), (acknowledged.Chunk, acknowledged.Stored));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("chunk[2].facts[0].uscc", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task PublishFactStream_ResentAfterABreak_StoresNothingTwice()
    {
        var uscc = TestData.NewUscc();
        var chunk = new PublishFactStreamRequest { Facts = { TestData.Grade(uscc, $"r-{uscc}", "B") } };
        long firstSequence;
        using (var call = hub.Client("tax").Exchange.PublishFactStream())
        {
            await call.RequestStream.WriteAsync(chunk);
            Assert.True(await call.ResponseStream.MoveNext());
            firstSequence = call.ResponseStream.Current.LastSequence;
        }

        using var again = hub.Client("tax").Exchange.PublishFactStream();
        await again.RequestStream.WriteAsync(chunk);
        await again.RequestStream.CompleteAsync();
        Assert.True(await again.ResponseStream.MoveNext());

        Assert.Equal(0, again.ResponseStream.Current.Stored);
        Assert.Equal(1, again.ResponseStream.Current.Duplicates);
        Assert.Equal(firstSequence, again.ResponseStream.Current.LastSequence);
    }
}
