using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using EnterpriseHub.Server.Tests.Operations;

namespace EnterpriseHub.Server.Tests;

/// <summary>A hub of its own with no demo data, so every fact in its log is a feed test's.</summary>
public sealed class FeedFixture() : HubFixture(new HubSetup());

public sealed class FeedTests(FeedFixture hub) : IClassFixture<FeedFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string WatchFactsMethod = "/enterprisehub.v1.FactExchange/WatchFacts";

    [Fact]
    public async Task WatchFacts_ThreeSubscribersDisconnectingAtRandom_EachGetsEveryEventOnceInOrder()
    {
        var customs = hub.Client("customs");
        var start = await HeadAsync(customs);
        var published = await PublishClassesAsync(customs, 5000);
        using var timeout = new CancellationTokenSource(Patience);
        var subscribers = Enumerable.Range(0, 3).Select(seed => SubscribeWithBreaksAsync(start, 10_000, new Random(seed), timeout.Token)).ToList();
        published.AddRange(await PublishClassesAsync(customs, 5000));
        var received = await Task.WhenAll(subscribers);

        Assert.Equal(10_000, published.Count);
        Assert.All(received, r => Assert.Equal(published, r));
    }

    [Fact]
    public async Task WatchFacts_Idle_SendsAHeartbeatWithItsPosition()
    {
        var customs = hub.Client("customs");
        var head = await HeadAsync(customs);
        using var timeout = new CancellationTokenSource(Patience);
        using var call = customs.Exchange.WatchFacts(Watch(head, heartbeatSeconds: 1), cancellationToken: timeout.Token);

        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));

        Assert.Equal(WatchFactsResponse.EventOneofCase.Heartbeat, call.ResponseStream.Current.EventCase);
        Assert.Equal(head, call.ResponseStream.Current.Heartbeat.Position);
    }

    [Fact]
    public async Task WatchFacts_ConsumerThatNeverReads_HubHoldsABoundedNumberOfEvents()
    {
        var customs = hub.Client("customs");
        var start = await HeadAsync(customs);
        await PublishClassesAsync(customs, 5000);

        // What an operator sees: writes that waited for their consumer, and facts the watches read from the log.
        using var stalled = new InstrumentProbe(hub.Services, "hub.watch.stalls", (_, tags) => tags.GetValueOrDefault("method") == WatchFactsMethod);
        using var read = new InstrumentProbe(hub.Services, "hub.watch.facts.read", (_, _) => false);
        using var timeout = new CancellationTokenSource(Patience);
        using var call = customs.Exchange.WatchFacts(Watch(start), cancellationToken: timeout.Token);

        await stalled.Seen.WaitAsync(timeout.Token);

        // 5,000 events wait in the log; the hub read only what the transport would take plus one page.
        Assert.InRange(read.Total, 1, 2_000);
    }

    [Fact]
    public async Task WatchFacts_MalformedRequest_InvalidArgumentForEachProblem()
    {
        var customs = hub.Client("customs");
        using var call = customs.Exchange.WatchFacts(new WatchFactsRequest
        {
            AfterSequence = -1, FactTypes = { "Bad" }, Usccs = { "123" }, Zone = "atlantis", HeartbeatSeconds = 301,
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(
            ["purpose", "officer_id", "after_sequence", "fact_types[0]", "usccs[0]", "zone", "heartbeat_seconds"],
            error.FieldViolations().Select(v => v.Field));
    }

    [Fact]
    public async Task Subscription_OfflineDuring5000Publishes_CatchesUpFromItsAcknowledgement()
    {
        var customs = hub.Client("customs");
        var start = await HeadAsync(customs);
        var name = $"screening-{Guid.NewGuid():N}"[..30];
        await customs.Exchange.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = name, FactTypes = { "customs.credit_class" }, Purpose = "AEO screening", OfficerId = "officer-7", StartAfterSequence = start,
        });
        var published = await PublishClassesAsync(customs, 100);
        using var timeout = new CancellationTokenSource(Patience);
        var firstRun = await ReadSubscriptionAsync(customs, name, 100, timeout.Token);
        Assert.Equal(published, firstRun);
        await customs.Exchange.AckSubscriptionAsync(new AckSubscriptionRequest { Name = name, Position = published[59] });

        // The department's system is down while 5,000 more are published.
        published.AddRange(await PublishClassesAsync(customs, 5000));
        var listed = (await customs.Exchange.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions.Single(s => s.Name == name);
        Assert.Equal(published[59], listed.AckedPosition);
        Assert.True(listed.Lag >= 5040, $"lag {listed.Lag}");

        var resumed = await ReadSubscriptionAsync(customs, name, 5040, timeout.Token);
        Assert.Equal(published.Skip(60), resumed);
    }

    [Fact]
    public async Task Subscriptions_RejectionPaths_EachWithItsStatus()
    {
        var customs = hub.Client("customs");
        var name = $"paths-{Guid.NewGuid():N}"[..20];
        var create = new CreateSubscriptionRequest { Name = name, FactTypes = { "customs.credit_class" }, Purpose = "p", OfficerId = "o" };
        var first = (await customs.Exchange.CreateSubscriptionAsync(create)).Subscription;
        var again = (await customs.Exchange.CreateSubscriptionAsync(create)).Subscription;
        Assert.Equal(first.CreateTime, again.CreateTime);

        create.Zone = "nansha";
        var other = await Assert.ThrowsAsync<RpcException>(() => customs.Exchange.CreateSubscriptionAsync(create).ResponseAsync);
        var badName = await Assert.ThrowsAsync<RpcException>(() => customs.Exchange.CreateSubscriptionAsync(
            new CreateSubscriptionRequest { Name = "Bad Name", Purpose = "p", OfficerId = "o" }).ResponseAsync);
        var unknownAck = await Assert.ThrowsAsync<RpcException>(() => customs.Exchange.AckSubscriptionAsync(
            new AckSubscriptionRequest { Name = "no-such-subscription", Position = 0 }).ResponseAsync);
        var beyondHead = await Assert.ThrowsAsync<RpcException>(() => customs.Exchange.AckSubscriptionAsync(
            new AckSubscriptionRequest { Name = name, Position = long.MaxValue }).ResponseAsync);
        using var unknownRead = customs.Exchange.ReadSubscription(new ReadSubscriptionRequest { Name = "no-such-subscription" });
        var unknown = await Assert.ThrowsAsync<RpcException>(() => unknownRead.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.FailedPrecondition, other.StatusCode);
        Assert.Equal("name", Assert.Single(badName.FieldViolations()).Field);
        Assert.Equal(StatusCode.NotFound, unknownAck.StatusCode);
        Assert.Equal("position", Assert.Single(beyondHead.FieldViolations()).Field);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<List<long>> PublishClassesAsync(HubClient client, int count)
    {
        var sequences = new List<long>(count);
        foreach (var batch in Enumerable.Range(0, count).Chunk(1000))
        {
            var request = new PublishFactsRequest();
            request.Facts.AddRange(batch.Select(_ =>
            {
                var uscc = TestData.NewUscc("440305");
                return TestData.Draft(uscc, "customs.credit_class", $"feed-{uscc}", ("class", Value.ForString("general")));
            }));
            sequences.AddRange((await client.Exchange.PublishFactsAsync(request)).Results.Select(r => r.Sequence));
        }

        return sequences;
    }

    private static async Task<List<long>> ReadSubscriptionAsync(HubClient client, string name, int count, CancellationToken cancellationToken)
    {
        var received = new List<long>(count);
        using var call = client.Exchange.ReadSubscription(new ReadSubscriptionRequest { Name = name }, cancellationToken: cancellationToken);
        while (received.Count < count && await call.ResponseStream.MoveNext(cancellationToken))
        {
            if (call.ResponseStream.Current.EventCase == ReadSubscriptionResponse.EventOneofCase.Fact)
            {
                received.Add(call.ResponseStream.Current.Fact.Sequence);
            }
        }

        return received;
    }

    private async Task<List<long>> SubscribeWithBreaksAsync(long start, int expected, Random random, CancellationToken cancellationToken)
    {
        var customs = hub.Client("customs");
        var received = new List<long>(expected);
        var cursor = start;
        while (received.Count < expected)
        {
            // Read a random number of events, then drop the connection's stream and resume from the cursor.
            var take = random.Next(1, 3000);
            using var call = customs.Exchange.WatchFacts(Watch(cursor), cancellationToken: cancellationToken);
            while (take > 0 && received.Count < expected && await call.ResponseStream.MoveNext(cancellationToken))
            {
                var next = call.ResponseStream.Current;
                if (next.EventCase == WatchFactsResponse.EventOneofCase.Fact)
                {
                    received.Add(next.Fact.Sequence);
                    cursor = next.Fact.Sequence;
                    take--;
                }
            }
        }

        return received;
    }

    private static WatchFactsRequest Watch(long after, int heartbeatSeconds = 0) => new()
    {
        AfterSequence = after, FactTypes = { "customs.credit_class" }, Purpose = "feed test", OfficerId = "officer-7",
        HeartbeatSeconds = heartbeatSeconds,
    };

    /// <summary>The log's current end, as a heartbeat from a fresh watch reports it once it has caught up.</summary>
    private static async Task<long> HeadAsync(HubClient client)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var call = client.Exchange.WatchFacts(new WatchFactsRequest
        {
            AfterSequence = 0, FactTypes = { "amr.no_such_type" }, Purpose = "feed test", OfficerId = "officer-7", HeartbeatSeconds = 1,
        }, cancellationToken: timeout.Token);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        return call.ResponseStream.Current.Heartbeat.Position;
    }
}
