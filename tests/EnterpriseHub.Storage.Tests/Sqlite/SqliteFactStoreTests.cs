using System.Text.Json;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Tests.Sqlite;

public class SqliteFactStoreTests : FactStoreContractTests
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hub-store-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteFactStore> opened = [];

    private string DatabasePath => Path.Combine(folder, "nested", "hub.db");

    protected override async Task<IFactStore> CreateStoreAsync()
    {
        var store = new SqliteFactStore(new SqliteStoreOptions { DatabasePath = DatabasePath });
        opened.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    protected override Task<IFactStore> ReopenStoreAsync(IFactStore store)
    {
        ((SqliteFactStore)store).Dispose();
        return CreateStoreAsync();
    }

    [Fact]
    public async Task LogId_AStoreMadeAfresh_GetsANewOne()
    {
        var path = Path.Combine(Path.GetDirectoryName(DatabasePath)!, "reset.db");
        using var reset = new SqliteFactStore(new SqliteStoreOptions { DatabasePath = path });
        await reset.InitializeAsync(CancellationToken.None);

        Assert.NotEqual(AuditStore.LogId, reset.LogId);
    }

    public override Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            store.Dispose();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task InitializeAsync_NewFile_CreatesTheFolderAndSetsSchemaVersionAndWal()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();

        Assert.Equal(14L, await ScalarAsync(connection, "PRAGMA user_version;"));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal(3L, await ScalarAsync(
            connection, "SELECT count(*) FROM sqlite_schema WHERE name IN ('facts', 'current_facts', 'enterprises');"));
        // Step 12 dropped what SQLite's planner never uses; the indexes the directory's filters use stay.
        Assert.Equal(0L, await ScalarAsync(connection,
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('enterprises_by_name', 'credit_profiles_by_level', 'credit_profiles_by_division');"));
        Assert.Equal(3L, await ScalarAsync(connection,
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('enterprises_by_industry', 'enterprises_by_division', 'credit_profiles_due');"));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseOfVersion6_OldChainVerifiesAndSubscriptionsStartAtZero()
    {
        var written = ChainWithoutCorrelationIds(5);
        var path = Path.Combine(folder, "version6.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            SqliteSchema.Migrate(connection, 6);
            foreach (var record in written)
            {
                await InsertVersion6AuditAsync(connection, record);
            }

            await ExecuteAsync(connection, $$"""
                INSERT INTO subscriptions (owner, name, filter, acked, created_ticks) VALUES ('tax', 'legacy',
                '{"FactTypes":["{{TaxGrade}}"],"Usccs":[],"Zone":"","Purpose":"monitoring","OfficerId":"officer-1"}', 3, {{T0.UtcTicks}});
                """);
        }

        using var migrated = new SqliteFactStore(new SqliteStoreOptions { DatabasePath = path });
        await migrated.InitializeAsync(CancellationToken.None);

        await AssertOldChainVerifiesAfterMigrationAsync(migrated, written);
        var legacy = await migrated.FindSubscriptionAsync("tax", "legacy", CancellationToken.None);
        Assert.Equal((0L, 3L, "officer-1"), (legacy!.StartAfterSequence, legacy.AckedPosition, legacy.OfficerId));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseOfVersion9_RecordsSaltedAndAddedToTheTreeInSeveralBatches()
    {
        var written = ChainWithoutCorrelationIds(2_345);
        var path = Path.Combine(folder, "version9.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            SqliteSchema.Migrate(connection, 9);
            await ExecuteAsync(connection, "BEGIN;");
            foreach (var record in written)
            {
                await InsertVersion6AuditAsync(connection, record);
            }

            await ExecuteAsync(connection, "COMMIT;");
        }

        using var migrated = new SqliteFactStore(new SqliteStoreOptions { DatabasePath = path });
        await migrated.InitializeAsync(CancellationToken.None);

        await AuditTreeAssert.CoversEveryRecordAsync(migrated);
        await AssertChainUnchangedAndExtendedWithTheTreeAsync(migrated, written);
    }

    [Fact]
    public async Task InitializeAsync_DatabaseOfVersion8WithCreditAlerts_WarningsStartAfterTheLastAlert()
    {
        var path = Path.Combine(folder, "version8.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            SqliteSchema.Migrate(connection, 8);
            await ExecuteAsync(connection, $"""
                INSERT INTO credit_alerts (seq, uscc, before_level, after_level, reason, time_ticks, fact_seq)
                VALUES (1, '{Nansha}', 'A', 'C', 'level A → C', {T0.UtcTicks}, NULL), (2, '{Nansha}', 'C', 'D', 'level C → D', {T0.UtcTicks}, NULL);
                """);
        }

        using var migrated = new SqliteFactStore(new SqliteStoreOptions { DatabasePath = path });
        await migrated.InitializeAsync(CancellationToken.None);

        Assert.Equal(2, (await migrated.ReadNoticeStateAsync(CancellationToken.None)).AlertCursor);
        Assert.Empty(await migrated.ListSubmissionsAsync(Nansha, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseCannotBeOpened_ThrowsUnavailableWithoutThePath()
    {
        var blocked = Path.Combine(folder, "blocked");
        Directory.CreateDirectory(blocked);
        using var store = new SqliteFactStore(new SqliteStoreOptions { DatabasePath = blocked });

        var error = await Assert.ThrowsAsync<HubUnavailableException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.DoesNotContain(folder, error.Message);
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public async Task GetEnterpriseAsync_ReadsBetweenAppends_EachSeesTheLatestFact()
    {
        // Lookups reuse open connections with the statement prepared: none may keep an old snapshot.
        for (var i = 0; i < 5; i++)
        {
            var grade = $"G{i}";
            await AppendAsync("tax", Draft(Nansha, TaxGrade, $$"""{"grade":"{{grade}}"}""", T0.AddDays(i), $"tax-{i}"));

            var reads = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Store.GetEnterpriseAsync(Nansha, CancellationToken.None))));

            Assert.All(reads, r => Assert.Contains(grade, Assert.Single(r!.Facts).AttributesJson, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Dispose_AfterLookups_ClosesEveryReaderSoTheWalIsCheckpointed()
    {
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, "tax-1"));
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Store.GetEnterpriseAsync(Nansha, CancellationToken.None))));
        Assert.True(File.Exists(DatabasePath + "-wal"));

        ((SqliteFactStore)Adapter).Dispose();

        // SQLite removes the WAL when its last connection closes, after checkpointing it.
        Assert.False(File.Exists(DatabasePath + "-wal"));
    }

    [Fact]
    public async Task AppendAsync_BeforeInitialize_Throws()
    {
        using var store = new SqliteFactStore(new SqliteStoreOptions { DatabasePath = Path.Combine(folder, "other.db") });

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(
            "tax", [new FactDraft(Beijing, TaxGrade, "{}", T0, "r1")], T0, Audit("tax"), CancellationToken.None));
    }

    [Fact]
    public async Task SwitchCreditGenerationAsync_OldAndAbandonedGenerations_RowsDeleted()
    {
        await ApplyAsync(InitialCredit, [Profile(Nansha, CreditLevel.B), Profile(Zhuhai, CreditLevel.C)]);
        await CreditStore.WriteRebuiltProfilesAsync(2, [Profile(Nansha, CreditLevel.B)], CancellationToken.None);
        await CreditStore.WriteRebuiltProfilesAsync(3, [Profile(Nansha, CreditLevel.D)], CancellationToken.None);
        var state = await CreditStore.ReadCreditStateAsync(CancellationToken.None);

        await CreditStore.SwitchCreditGenerationAsync(state, 3, 0, "r", 1, "rules changed", T0, CancellationToken.None);

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("3:1", await ScalarAsync(
            connection, "SELECT group_concat(generation || ':' || n) FROM (SELECT generation, count(*) AS n FROM credit_profiles GROUP BY generation);"));
    }

    protected override string RewindSchemaSql(int steps) => $"PRAGMA user_version = {steps};";

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await ExecuteAsync(connection, sql);
    }

    /// <summary>Inserts a record as a hub of schema version 6 did: without a correlation id column.</summary>
    private static async Task InsertVersion6AuditAsync(SqliteConnection connection, AuditRecord record)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO audit_records (seq, time_ticks, caller, officer_id, action, usccs, fact_types, purpose, request_id, outcome, detail, previous_hash, hash)
            VALUES ($seq, $time, $caller, $officer, $action, $usccs, $types, $purpose, $request, $outcome, $detail, $previous, $hash);
            """;
        var e = record.Entry;
        command.Parameters.AddWithValue("$seq", record.Sequence);
        command.Parameters.AddWithValue("$time", e.Time.UtcTicks);
        command.Parameters.AddWithValue("$caller", e.Caller);
        command.Parameters.AddWithValue("$officer", e.OfficerId);
        command.Parameters.AddWithValue("$action", e.Action);
        command.Parameters.AddWithValue("$usccs", JsonSerializer.Serialize(e.Usccs));
        command.Parameters.AddWithValue("$types", JsonSerializer.Serialize(e.FactTypes));
        command.Parameters.AddWithValue("$purpose", e.Purpose);
        command.Parameters.AddWithValue("$request", e.RequestId);
        command.Parameters.AddWithValue("$outcome", e.Outcome);
        command.Parameters.AddWithValue("$detail", e.Detail);
        command.Parameters.AddWithValue("$previous", record.PreviousHash);
        command.Parameters.AddWithValue("$hash", record.Hash);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
