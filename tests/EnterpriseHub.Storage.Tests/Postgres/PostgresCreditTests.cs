using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Storage.Postgres;

namespace EnterpriseHub.Storage.Tests.Postgres;

/// <summary>The credit store on PostgreSQL shared by several replicas (store instances on one database).</summary>
public sealed class PostgresCreditTests : PostgresReplicasTest
{
    private const string Nansha = "91440115MA5HUB013L";
    private const string Zhuhai = "91440402MA5HUB03XU";

    [Fact]
    public async Task Listener_Started_WakesAlertWatchesOnceListening()
    {
        await ReplicaAsync();
        var woken = Alerts.Next;

        await StartListenerAsync();

        await woken.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Listener_AnotherReplicaAppliesAlerts_WakesAlertWatches()
    {
        var other = await ReplicaAsync();
        await StartListenerAsync();
        var woken = Alerts.Next;

        await other.ApplyCreditAsync(
            new CreditState(1, 0, 0, "", 0), [Profile(Nansha, CreditLevel.C)], [Alert(Nansha, CreditLevel.A, CreditLevel.C)], 1,
            CancellationToken.None);

        await woken.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Listener_AnotherReplicaSwitchesWithLevelChanges_WakesAlertWatches()
    {
        var other = await ReplicaAsync();
        await other.WriteRebuiltProfilesAsync(2, [Profile(Zhuhai, CreditLevel.D)], CancellationToken.None);
        await StartListenerAsync();
        var woken = Alerts.Next;

        var switched = await other.SwitchCreditGenerationAsync(
            new CreditState(1, 0, 0, "", 0), 2, 0, "rules-2", 2, "rules changed", T0, CancellationToken.None);

        Assert.Single(switched.Alerts);
        await woken.WaitAsync(Timeout);
    }

    [Fact]
    public async Task TryLeadCreditAsync_TwoReplicas_OneLeadsUntilItsLeaseIsDisposed()
    {
        var (first, second) = (await ReplicaAsync(), await ReplicaAsync());

        var lease = await first.TryLeadCreditAsync(CancellationToken.None);

        Assert.NotNull(lease);
        Assert.Null(await second.TryLeadCreditAsync(CancellationToken.None));
        await lease.DisposeAsync();
        await using var taken = await second.TryLeadCreditAsync(CancellationToken.None);
        Assert.NotNull(taken);
        Assert.Null(await first.TryLeadCreditAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TryLeadCreditAsync_LeaderSessionLost_AnotherReplicaLeads_AndTheLostLeaseDisposesQuietly()
    {
        var (first, second) = (await ReplicaAsync(), await ReplicaAsync());
        var lease = await first.TryLeadCreditAsync(CancellationToken.None);
        Assert.NotNull(lease);

        // The second argument waits until the session has ended, and its lock with it.
        var ended = await Database.ScalarAsync("""
            SELECT bool_and(pg_terminate_backend(pid, 10000)) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database());
            """);

        Assert.Equal(true, ended);
        await using var taken = await second.TryLeadCreditAsync(CancellationToken.None);
        Assert.NotNull(taken);
        await lease.DisposeAsync();
    }

    [Fact]
    public async Task ApplyCreditAsync_ReplicasRacingFromSeveralTasks_AlertSequencesGaplessOneWriteAtATime()
    {
        PostgresFactStore[] replicas = [await ReplicaAsync(), await ReplicaAsync()];
        const int Tasks = 6, Writes = 5;

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var replica = replicas[t % replicas.Length];
            for (var written = 0; written < Writes;)
            {
                var state = await replica.ReadCreditStateAsync(CancellationToken.None);
                try
                {
                    await replica.ApplyCreditAsync(
                        state,
                        [Profile(Nansha, CreditLevel.B)],
                        [Alert(Nansha, CreditLevel.A, CreditLevel.B), Alert(Zhuhai, CreditLevel.A, CreditLevel.C)],
                        state.FactCursor + 1,
                        CancellationToken.None);
                    written++;
                }
                catch (HubConflictException)
                {
                    // Another task wrote first: read the state again and retry.
                }
            }
        })));

        var stored = await replicas[0].ReadCreditAlertsAsync(0, 1000, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, Tasks * Writes * 2).Select(i => (long)i), stored.Select(a => a.Sequence));
        Assert.Equal(new CreditState(1, Tasks * Writes, Tasks * Writes, "", 0), await replicas[1].ReadCreditStateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SwitchCreditGenerationAsync_OldAndAbandonedGenerations_RowsDeleted()
    {
        var store = await ReplicaAsync();
        await store.ApplyCreditAsync(
            new CreditState(1, 0, 0, "", 0), [Profile(Nansha, CreditLevel.B), Profile(Zhuhai, CreditLevel.C)], [], null, CancellationToken.None);
        await store.WriteRebuiltProfilesAsync(2, [Profile(Nansha, CreditLevel.B)], CancellationToken.None);
        await store.WriteRebuiltProfilesAsync(3, [Profile(Nansha, CreditLevel.D)], CancellationToken.None);
        var state = await store.ReadCreditStateAsync(CancellationToken.None);

        await store.SwitchCreditGenerationAsync(state, 3, 0, "r", 1, "rules changed", T0, CancellationToken.None);

        Assert.Equal("3:1", await Database.ScalarAsync(
            "SELECT string_agg(generation || ':' || n, ',') FROM (SELECT generation, count(*) AS n FROM credit_profiles GROUP BY generation) g;"));
    }

    private static CreditProfile Profile(string uscc, CreditLevel level) => new(uscc, level, 0m, [], null, 1);

    private static NewCreditAlert Alert(string uscc, CreditLevel before, CreditLevel after) => new(uscc, before, after, "fact arrived", T0, 1);
}
