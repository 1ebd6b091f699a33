using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Postgres;

namespace EnterpriseHub.Storage.Tests.Postgres;

/// <summary>Several hub replicas (store instances) sharing one PostgreSQL Database.</summary>
public sealed class PostgresReplicaTests : PostgresReplicasTest
{

    [Fact]
    public async Task InitializeAsync_FourReplicasAtOnceOnAnEmptyDatabase_AllSucceedAndMigrateOnce()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => Replica()).ToArray();

        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.InitializeAsync(CancellationToken.None))));

        Assert.Equal((long)PostgresSchema.LatestVersion, await Database.ScalarAsync("SELECT count(*) FROM schema_version;"));
        Assert.All(replicas, r => Assert.Equal(new AuditHead(0, AuditChain.GenesisHash), r.Head));
        Assert.True(await replicas[3].IsEmptyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_TwoReplicasFromSeveralTasks_SequencesAreGaplessAndTheAuditChainIsOne()
    {
        PostgresFactStore[] replicas = [Replica(), Replica()];
        await Task.WhenAll(replicas.Select(r => r.InitializeAsync(CancellationToken.None)));
        const int Tasks = 8, Batches = 6, BatchSize = 20;

        var appended = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var replica = replicas[t % replicas.Length];
            var sequences = new List<long>();
            for (var b = 0; b < Batches; b++)
            {
                var drafts = Enumerable.Range(0, BatchSize)
                    .Select(i => new FactDraft($"91440115MA5HUB{t:D2}{i % 3}X", "tax.credit_grade", $$"""{"n":{{i}}}""", T0.AddMinutes(b), $"t{t}-b{b}-{i}"))
                    .ToArray();
                var audit = new AuditEntry(T0, "tax", "", AuditActions.Publish, [], [], "", $"t{t}-b{b}", "ok");
                sequences.AddRange((await replica.AppendAsync("tax", drafts, T0.AddHours(1), audit, CancellationToken.None)).Select(a => a.Sequence));
                // Reads are audited too, on the same chain, interleaved with the publishes.
                await replica.AppendAuditAsync(
                    [new AuditEntry(T0, "portal", "o", AuditActions.Read, [drafts[0].Uscc], [], "case", $"r{t}-{b}", "ok")], CancellationToken.None);
            }

            return sequences;
        })));

        const int Total = Tasks * Batches * BatchSize;
        Assert.Equal(Enumerable.Range(1, Total).Select(n => (long)n), appended.SelectMany(s => s).Order());
        var feed = await replicas[0].ReadFeedAsync(0, Total + 10, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, Total).Select(n => (long)n), feed.Select(f => f.Sequence));

        var chain = await replicas[1].ReadAuditAsync(1, 10_000, CancellationToken.None);
        Assert.Equal(Tasks * Batches * 2, chain.Count);
        Assert.Null(AuditChain.Verify(chain, 1, AuditChain.GenesisHash));
        var head = await replicas[0].ReadHeadAsync(CancellationToken.None);
        Assert.Equal(new AuditHead(chain[^1].Sequence, chain[^1].Hash), head);
        Assert.Contains(head, replicas.Select(r => r.Head));
        await AuditTreeAssert.CoversEveryRecordAsync(replicas[0]);
        Assert.Equal(
            await replicas[0].ReadTreeRootAsync(chain.Count, CancellationToken.None), await replicas[1].ReadTreeRootAsync(chain.Count, CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_OneReplicaAddsOlderRecordsWhileAnotherAppends_OneCorrectTree()
    {
        var appender = await ReplicaAsync();
        for (var b = 0; b < 30; b++)
        {
            await appender.AppendAuditAsync([.. Enumerable.Range(0, 100).Select(i => Read($"old-{b}-{i}"))], CancellationToken.None);
        }

        // As a store upgraded from before the tree: no salts, no nodes. Appends while the tree is
        // behind are stored salted and left to the catch-up, whose last step ends with the tree
        // at the log's end under the lock, so every later append extends the tree itself.
        await Database.ScalarAsync("UPDATE audit_records SET salt = NULL; DELETE FROM audit_tree;");
        var upgrading = Replica();
        var catchUp = Task.Run(() => upgrading.InitializeAsync(CancellationToken.None));
        var appends = Task.Run(async () =>
        {
            for (var b = 0; b < 20; b++)
            {
                await appender.AppendAuditAsync([.. Enumerable.Range(0, 5).Select(i => Read($"new-{b}-{i}"))], CancellationToken.None);
            }
        });
        await Task.WhenAll(catchUp, appends).WaitAsync(Timeout);

        await AuditTreeAssert.CoversEveryRecordAsync(upgrading);
        Assert.Null(AuditChain.Verify(await upgrading.ReadAuditAsync(1, 10_000, CancellationToken.None), 1, AuditChain.GenesisHash));
    }

    private static AuditEntry Read(string request) => new(T0, "portal", "o", AuditActions.Read, ["91440115MA5HUB013L"], [], "case", request, "ok");

    [Fact]
    public async Task AddFactTypeVersionAsync_TwoReplicasLoadTheSameCatalogAtOnce_OneVersionOneAuditRecord()
    {
        PostgresFactStore[] replicas = [Replica(), Replica()];
        await Task.WhenAll(replicas.Select(r => r.InitializeAsync(CancellationToken.None)));
        var definition = new FactTypeDefinition(
            "tax.credit_grade", SharingClass.Unconditional, "税务信用等级", "Tax credit grade", 1,
            [new FieldSchema("grade", FieldType.String, true, 1, [], "")]);
        var audit = new AuditEntry(T0, "admin", "", AuditActions.SchemaChange, [], [definition.Name], "", "load", "ok");

        await Task.WhenAll(replicas.Select(r => Task.Run(
            () => r.AddFactTypeVersionAsync(definition, "admin", T0, audit, CancellationToken.None))));

        Assert.Equal([definition], await replicas[1].LoadFactTypesAsync(CancellationToken.None));
        Assert.Equal(1, (await replicas[0].ReadHeadAsync(CancellationToken.None)).Sequence);
    }
}
