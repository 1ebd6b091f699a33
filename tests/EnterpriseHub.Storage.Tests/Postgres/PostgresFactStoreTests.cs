using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Postgres;
using Npgsql;

namespace EnterpriseHub.Storage.Tests.Postgres;

/// <summary>The store contract on PostgreSQL, each test on a database of its own.</summary>
public sealed class PostgresFactStoreTests : FactStoreContractTests
{
    private readonly List<PostgresFactStore> opened = [];
    private PostgresTestDatabase? database;

    private PostgresTestDatabase Database => database ?? throw new InvalidOperationException("No database yet.");

    protected override async Task<IFactStore> CreateStoreAsync()
    {
        database ??= await PostgresTestDatabase.CreateAsync();
        var store = new PostgresFactStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString });
        opened.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    protected override async Task<IFactStore> ReopenStoreAsync(IFactStore store)
    {
        await ((PostgresFactStore)store).DisposeAsync();
        return await CreateStoreAsync();
    }

    public override async Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task InitializeAsync_NewDatabase_RecordsTheSchemaVersionAndCreatesTheTables()
    {
        Assert.Equal(11, await Database.ScalarAsync("SELECT max(version) FROM schema_version;"));
        Assert.Equal(18L, await Database.ScalarAsync("""
            SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN
            ('facts', 'current_facts', 'enterprises', 'audit_records', 'audit_reads', 'grants', 'fact_type_versions', 'subscriptions',
             'credit_state', 'credit_profiles', 'credit_alerts', 'policies', 'notices', 'notice_state',
             'audit_tree', 'audit_log', 'audit_checkpoints', 'audit_cosignatures');
            """));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseOfVersion3_OldChainVerifiesAndSubscriptionsStartAtZero()
    {
        var written = ChainWithoutCorrelationIds(5);
        await using var old = await PostgresTestDatabase.CreateAsync();
        await using (var dataSource = NpgsqlDataSource.Create(old.ConnectionString))
        {
            await PostgresSchema.MigrateAsync(dataSource, 3, CancellationToken.None);
            foreach (var record in written)
            {
                await InsertVersion3AuditAsync(dataSource, record);
            }

            await using var subscription = dataSource.CreateCommand($$"""
                INSERT INTO subscriptions (owner, name, filter, acked, created_ticks) VALUES ('tax', 'legacy',
                '{"FactTypes":["{{TaxGrade}}"],"Usccs":[],"Zone":"","Purpose":"monitoring","OfficerId":"officer-1"}', 3, {{T0.UtcTicks}});
                """);
            await subscription.ExecuteNonQueryAsync();
        }

        await using var migrated = new PostgresFactStore(new PostgresStoreOptions { ConnectionString = old.ConnectionString });
        await migrated.InitializeAsync(CancellationToken.None);

        await AssertOldChainVerifiesAfterMigrationAsync(migrated, written);
        var legacy = await migrated.FindSubscriptionAsync("tax", "legacy", CancellationToken.None);
        Assert.Equal((0L, 3L, "officer-1"), (legacy!.StartAfterSequence, legacy.AckedPosition, legacy.OfficerId));
        Assert.Equal(PostgresSchema.LatestVersion, await old.ScalarAsync("SELECT max(version) FROM schema_version;"));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseOfTheVersionBeforeTheTree_RecordsSaltedAndAddedToTheTree()
    {
        var written = ChainWithoutCorrelationIds(1_234);
        await using var old = await PostgresTestDatabase.CreateAsync();
        await using (var dataSource = NpgsqlDataSource.Create(old.ConnectionString))
        {
            // Version 7 added the tree: a store of version 6 holds records without salts and no nodes.
            await PostgresSchema.MigrateAsync(dataSource, 6, CancellationToken.None);
            foreach (var record in written)
            {
                await InsertVersion3AuditAsync(dataSource, record);
            }
        }

        await using var migrated = new PostgresFactStore(new PostgresStoreOptions { ConnectionString = old.ConnectionString });
        await migrated.InitializeAsync(CancellationToken.None);

        await AuditTreeAssert.CoversEveryRecordAsync(migrated);
        await AssertChainUnchangedAndExtendedWithTheTreeAsync(migrated, written);
    }

    [Fact]
    public async Task InitializeAsync_DatabaseOfVersion5WithCreditAlerts_WarningsStartAfterTheLastAlert()
    {
        await using var old = await PostgresTestDatabase.CreateAsync();
        await using (var dataSource = NpgsqlDataSource.Create(old.ConnectionString))
        {
            await PostgresSchema.MigrateAsync(dataSource, 5, CancellationToken.None);
            await using var alerts = dataSource.CreateCommand($"""
                INSERT INTO credit_alerts (seq, uscc, before_level, after_level, reason, time_ticks, fact_seq)
                VALUES (1, '{Nansha}', 'A', 'C', 'level A → C', {T0.UtcTicks}, NULL), (2, '{Nansha}', 'C', 'D', 'level C → D', {T0.UtcTicks}, NULL);
                """);
            await alerts.ExecuteNonQueryAsync();
        }

        await using var migrated = new PostgresFactStore(new PostgresStoreOptions { ConnectionString = old.ConnectionString });
        await migrated.InitializeAsync(CancellationToken.None);

        Assert.Equal(2, (await migrated.ReadNoticeStateAsync(CancellationToken.None)).AlertCursor);
        Assert.Empty(await migrated.ListSubmissionsAsync(Nansha, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_SchemaNewerThanTheCode_IsRefusedWithTheVersions()
    {
        await Database.ScalarAsync("INSERT INTO schema_version (version) VALUES (99);");
        await using var store = new PostgresFactStore(new PostgresStoreOptions { ConnectionString = Database.ConnectionString });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Contains("99", error.Message);
        Assert.Contains("newer", error.Message);
    }

    [Theory]
    [InlineData("Host=db;Username=hub", 64, true)]
    [InlineData("Host=db;Username=hub;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;Username=hub;maxautoprepare=8;No Reset On Close=false", 8, false)]
    public void Settings_PreparesAndKeepsStatementsUnlessTheConnectionStringSaysOtherwise(string connectionString, int prepared, bool kept)
    {
        var settings = PostgresEngine.Settings(connectionString);

        Assert.Equal(prepared, settings.MaxAutoPrepare);
        Assert.Equal(kept, settings.NoResetOnClose);
        Assert.Equal("db", settings.Host);
        Assert.Equal("EnterpriseHub", settings.ApplicationName);
    }

    /// <summary>
    /// A fresh store's first bulk import runs before autovacuum has analyzed the log; looked up as
    /// <c>source_record_id = ANY(list)</c>, the planner then reads every fact of the publisher.
    /// </summary>
    [Fact]
    public async Task LockAndPlan_LogNeverAnalyzed_ProbesTheIndexOncePerRecordId()
    {
        await Database.ScalarAsync("ALTER TABLE facts SET (autovacuum_enabled = false);");
        for (var batch = 0; batch < 20; batch++)
        {
            var drafts = Enumerable.Range(0, 1000).Select(i => Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, $"r-{batch}-{i}")).ToArray();
            await Store.AppendAsync("tax", drafts, T0, Audit("tax"), CancellationToken.None);
        }

        var recordIds = "ARRAY[" + string.Join(',', Enumerable.Range(0, 1000).Select(i => $"'r-19-{i}'")) + "]::text[]";
        var lookup = PostgresEngine.EachKey(PostgresEngine.StoredOfPublisher.Replace("@publisher", "'tax'"), "source_record_id", recordIds);

        Assert.Equal(0L, await Database.ScalarAsync("SELECT analyze_count + autoanalyze_count FROM pg_stat_user_tables WHERE relname = 'facts';"));
        var scans = PlanNodes(JsonDocument.Parse((string)(await Database.ScalarAsync($"EXPLAIN (ANALYZE, FORMAT JSON) {lookup};"))!).RootElement[0].GetProperty("Plan"))
            .Where(node => node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "facts")
            .ToList();
        var scan = Assert.Single(scans);
        Assert.Equal("Index Scan", scan.GetProperty("Node Type").GetString());
        Assert.Equal(1000, scan.GetProperty("Actual Loops").GetInt64());
        Assert.Equal(1, scan.GetProperty("Actual Rows").GetDouble());
        Assert.False(scan.TryGetProperty("Rows Removed by Filter", out var removed) && removed.GetDouble() > 0);
    }

    private static IEnumerable<JsonElement> PlanNodes(JsonElement node) =>
        node.TryGetProperty("Plans", out var children)
            ? children.EnumerateArray().SelectMany(PlanNodes).Prepend(node)
            : [node];

    [Fact]
    public async Task AppendAsync_BeforeInitialize_Throws()
    {
        await using var store = new PostgresFactStore(new PostgresStoreOptions { ConnectionString = Database.ConnectionString });

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(
            "tax", [new FactDraft(Beijing, TaxGrade, "{}", T0, "r1")], T0, Audit("tax"), CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_ServerNotListening_ThrowsUnavailableWithoutThePassword()
    {
        const string Password = "s3cret-not-to-leak";
        var builder = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = ClosedPort(), Password = Password, Timeout = 5 };
        await using var store = new PostgresFactStore(new PostgresStoreOptions { ConnectionString = builder.ConnectionString });

        var error = await Assert.ThrowsAsync<HubUnavailableException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Equal("STORE_UNAVAILABLE", error.Reason);
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(Password, e.Message);
        }

        await Assert.ThrowsAsync<HubUnavailableException>(() => store.GetEnterpriseAsync(Nansha, CancellationToken.None));
    }

    [Fact]
    public async Task Calls_AfterTheServerDroppedEveryPooledConnection_SucceedAgainAfterAtMostOneUnavailable()
    {
        await SeedDirectoryAsync();
        // Fill the pool with idle connections (how many depends on how the reads overlapped), then
        // have the server end them all.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Store.GetEnterpriseAsync(Nansha, CancellationToken.None)));
        var dropped = await Database.ScalarAsync(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid();");
        Assert.True((long)dropped! >= 1);

        try
        {
            await Store.GetEnterpriseAsync(Nansha, CancellationToken.None);
        }
        catch (HubUnavailableException)
        {
            // The first call may meet a dead connection; the pool is cleared then.
        }

        Assert.NotNull(await Store.GetEnterpriseAsync(Nansha, CancellationToken.None));
        var appended = await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"B"}""", T0, "after-drop"));
        Assert.False(appended[0].Duplicate);
    }

    protected override Task ExecuteSqlAsync(string sql) => Database.ScalarAsync(sql);

    // PostgreSQL ran the first four steps as its version 1 and each later step as one version.
    protected override string RewindSchemaSql(int steps) => $"DELETE FROM schema_version WHERE version > {steps - 3};";

    /// <summary>Inserts a record as a hub of schema version 3 did: without a correlation id column.</summary>
    private static async Task InsertVersion3AuditAsync(NpgsqlDataSource dataSource, AuditRecord record)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO audit_records (seq, time_ticks, caller, officer_id, action, usccs, fact_types, purpose, request_id, outcome, detail, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13);
            """);
        var e = record.Entry;
        foreach (var value in new object[]
        {
            record.Sequence, e.Time.UtcTicks, e.Caller, e.OfficerId, e.Action, e.Usccs.ToArray(), e.FactTypes.ToArray(),
            e.Purpose, e.RequestId, e.Outcome, e.Detail, record.PreviousHash, record.Hash,
        })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A loopback port nothing listens on: bound once to learn a free one, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
