using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using StackExchange.Redis;

namespace EnterpriseHub.Server.Tests.ScaleOut;

/// <summary>
/// Redis and PostgreSQL go away under two running replicas and come back. The tests of this class
/// run one after another on servers of their own, which they stop and start.
/// </summary>
[Trait("Needs", "PostgreSQL,Redis")]
public sealed class PostgresRedisOutageTests(ReplicasFixture hub) : IClassFixture<ReplicasFixture>
{
    private const int CacheUnavailable = 5001;
    private const int CacheBack = 5002;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RedisKilled_LookupsKeepSucceeding_WarnedOnce_CachingReturnsWithRedis()
    {
        var uscc = TestData.NewUscc();
        await PublishAsync('A', uscc, 1);
        Assert.Equal("name 1", await NameAsync('B', uscc));
        Assert.True(await CachedEntriesAsync() > 0);

        // A loaded machine may already have timed out a cache call or two; count the outage's own warnings.
        var warnedA = hub.LogA.WithEventId(CacheUnavailable).Count;
        var warnedB = hub.LogB.WithEventId(CacheUnavailable).Count;
        var backB = hub.LogB.WithEventId(CacheBack).Count;
        await hub.Services.StopRedisAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("name 1", await NameAsync('A', uscc));
            Assert.Equal("name 1", await NameAsync('B', uscc));
        }

        await PublishAsync('A', uscc, 2);
        Assert.Equal("name 2", await NameAsync('B', uscc));
        // Once per outage, not per request: twenty lookups on each replica added at most one warning
        // (none when an earlier timeout had already marked the cache as failing).
        Assert.InRange(hub.LogA.WithEventId(CacheUnavailable).Count - warnedA, 0, 1);
        Assert.InRange(hub.LogB.WithEventId(CacheUnavailable).Count - warnedB, 0, 1);
        Assert.NotEmpty(hub.LogA.WithEventId(CacheUnavailable));
        Assert.NotEmpty(hub.LogB.WithEventId(CacheUnavailable));

        await hub.Services.StartRedisAsync();
        using var timeout = new CancellationTokenSource(Patience);
        while (hub.LogB.WithEventId(CacheBack).Count == backB)
        {
            // Each lookup after the retry interval tries the cache again; waits on B saying so, not on time.
            timeout.Token.ThrowIfCancellationRequested();
            Assert.Equal("name 2", await NameAsync('B', uscc));
        }

        // B caches again: its next lookups fill Redis (read from Redis itself) and still give the new value.
        Assert.Equal("name 2", await NameAsync('B', uscc));
        Assert.Equal("name 2", await NameAsync('B', uscc));
        Assert.True(await CachedEntriesAsync() > 0);
        Assert.Equal(backB + 1, hub.LogB.WithEventId(CacheBack).Count);
    }

    [Fact]
    public async Task PostgresRestarted_CallsUnavailableDuringTheOutage_SucceedAfter_NothingLost()
    {
        var uscc = TestData.NewUscc();
        var before = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            before.Add(await PublishAsync(i % 2 == 0 ? 'A' : 'B', uscc, i));
        }

        await hub.Services.StopPostgresAsync();
        var publish = await Assert.ThrowsAsync<RpcException>(() => PublishAsync('A', uscc, 6));
        var read = await Assert.ThrowsAsync<RpcException>(() => NameAsync('B', uscc));
        Assert.Equal(StatusCode.Unavailable, publish.StatusCode);
        Assert.Equal(StatusCode.Unavailable, read.StatusCode);

        await hub.Services.StartPostgresAsync();
        using var timeout = new CancellationTokenSource(Patience);
        long after;
        while (true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            try
            {
                after = await PublishAsync('A', uscc, 7);
                break;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                // The first calls after the restart may still meet connections the restart closed.
            }
        }

        var history = await hub.Client('B', "tax").Directory.GetFactHistoryAsync(
            new GetFactHistoryRequest { Uscc = uscc, Purpose = "replica test", OfficerId = "officer-7", PageSize = 100 });
        Assert.Equal(before.Append(after).Order(), history.Facts.Select(f => f.Sequence).Order());
        Assert.Equal("name 7", await NameAsync('A', uscc));
        Assert.Equal("name 7", await NameAsync('B', uscc));
        var verified = await hub.Client('B', "admin").Audit.VerifyChainAsync(new VerifyChainRequest());
        Assert.True(verified.Intact, verified.Problem);
    }

    private async Task<long> PublishAsync(char replica, string uscc, int version)
    {
        var draft = TestData.Draft(
            uscc, "amr.business_license", $"lic-{uscc}-{version}", ("name", Value.ForString($"name {version}")),
            ("industry", Value.ForString("C39")), ("registered_capital", Value.ForNumber(500)),
            ("established", Value.ForString("2020-05-18")), ("status", Value.ForString("存续")));
        var reply = await hub.Client(replica, "amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } });
        return reply.Results[0].Sequence;
    }

    private async Task<string> NameAsync(char replica, string uscc) =>
        (await hub.Client(replica, "tax").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = uscc, Purpose = "replica test", OfficerId = "officer-7" }))
        .Enterprise.Facts.Single(f => f.FactType == "amr.business_license").Attributes.Fields["name"].StringValue;

    /// <summary>How many profile entries Redis holds now, read from Redis itself.</summary>
    private async Task<int> CachedEntriesAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(hub.Services.Redis);
        var server = redis.GetServers().Single();
        var count = 0;
        await foreach (var _ in server.KeysAsync(pattern: "hub:e:enterprise:*"))
        {
            count++;
        }

        return count;
    }
}
