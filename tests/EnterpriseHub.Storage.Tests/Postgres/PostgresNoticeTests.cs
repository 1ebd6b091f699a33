using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Postgres;

namespace EnterpriseHub.Storage.Tests.Postgres;

/// <summary>The notice store on PostgreSQL shared by several replicas (store instances on one database).</summary>
public sealed class PostgresNoticeTests : PostgresReplicasTest
{
    private const string Nansha = "91440115MA5HUB013L";
    private const string Zhuhai = "91440402MA5HUB03XU";
    private static readonly NoticeState Initial = new(0, 0, 0, DateTimeOffset.MinValue);

    [Fact]
    public async Task Listener_Started_WakesNoticeWatchesOnceListening()
    {
        await ReplicaAsync();
        var woken = Notices.Next;

        await StartListenerAsync();

        await woken.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Listener_AnotherReplicaDeliversNotices_WakesNoticeWatches()
    {
        var other = await ReplicaAsync();
        await StartListenerAsync();
        var woken = Notices.Next;

        var delivered = await other.DeliverNoticesAsync(Initial, [Notice(Nansha, "k1")], Initial with { FactCursor = 1 }, CancellationToken.None);

        Assert.Single(delivered.Notices);
        await woken.WaitAsync(Timeout);
    }

    [Fact]
    public async Task TryLeadMatchingAsync_TwoReplicas_OneLeadsUntilItsLeaseIsDisposed_IndependentlyOfTheCreditLease()
    {
        var (first, second) = (await ReplicaAsync(), await ReplicaAsync());

        var lease = await first.TryLeadMatchingAsync(CancellationToken.None);

        Assert.NotNull(lease);
        Assert.Null(await second.TryLeadMatchingAsync(CancellationToken.None));
        await using (var credit = await second.TryLeadCreditAsync(CancellationToken.None))
        {
            Assert.NotNull(credit);
        }

        await lease.DisposeAsync();
        await using var taken = await second.TryLeadMatchingAsync(CancellationToken.None);
        Assert.NotNull(taken);
        Assert.Null(await first.TryLeadMatchingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DeliverNoticesAsync_ReplicasRacingWithOverlappingKeys_SequencesGaplessEachKeyOnce()
    {
        PostgresFactStore[] replicas = [await ReplicaAsync(), await ReplicaAsync()];
        const int Tasks = 6, Writes = 5;
        string[] usccs = [Nansha, Zhuhai];

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var replica = replicas[t % replicas.Length];
            for (var written = 0; written < Writes;)
            {
                var state = await replica.ReadNoticeStateAsync(CancellationToken.None);
                // Every task delivers the same keys in turn, so most of each list was delivered by another task already.
                IReadOnlyList<NewNotice> batch = [.. usccs.SelectMany(u => new[] { Notice(u, $"k{written}"), Notice(u, $"k{written + 1}") })];
                try
                {
                    await replica.DeliverNoticesAsync(state, batch, state with { FactCursor = state.FactCursor + 1 }, CancellationToken.None);
                    written++;
                }
                catch (HubConflictException)
                {
                    // Another task wrote first: read the state again and retry.
                }
            }
        })));

        var stored = await replicas[0].ReadNoticesAsync(0, 1000, CancellationToken.None);
        var keys = usccs.SelectMany(u => Enumerable.Range(0, Writes + 1).Select(k => (u, $"k{k}"))).ToHashSet();
        Assert.Equal(Enumerable.Range(1, keys.Count).Select(i => (long)i), stored.Select(n => n.Sequence));
        Assert.True(keys.SetEquals(stored.Select(n => (n.Uscc, n.Key))));
        var state = await replicas[1].ReadNoticeStateAsync(CancellationToken.None);
        Assert.Equal(new NoticeState(Tasks * Writes, Tasks * Writes, 0, DateTimeOffset.MinValue), state);
    }

    [Fact]
    public async Task AddPolicyAsync_ReplicasRacing_SequencesGaplessOneAuditRecordEachInOneChain()
    {
        PostgresFactStore[] replicas = [await ReplicaAsync(), await ReplicaAsync()];
        const int Policies = 12;

        // Every policy is added from both replicas at once: one stores it, the other finds it stored.
        var added = await Task.WhenAll(Enumerable.Range(0, Policies * 2).Select(i => Task.Run(() =>
        {
            var policy = new Policy("tax", $"p-{i / 2}", NoticeKind.Notice, "title", "body", "true", T0, T0.AddDays(30), T0.AddMinutes(i));
            var audit = new AuditEntry(T0, "tax", "officer", "policy.publish", [], [], "", $"req-{i}", "ok", policy.Id);
            return replicas[i % 2].AddPolicyAsync(policy, audit, CancellationToken.None);
        })));

        var stored = await replicas[0].PoliciesAfterAsync(0, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, Policies).Select(i => (long)i), stored.Select(p => p.Sequence));
        Assert.Equal(Policies, added.Distinct().Count());
        var audit = await replicas[1].ReadAuditAsync(1, 1000, CancellationToken.None);
        Assert.Equal(Policies, audit.Count);
        Assert.Equal(Policies, audit.Select(r => r.Entry.Detail).Distinct().Count());
        Assert.Null(AuditChain.Verify(audit, 1, AuditChain.GenesisHash));
    }

    private static NewNotice Notice(string uscc, string key) => new(uscc, key, NoticeKind.Notice, "hrss", "title", "body", T0, null);
}
