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

        Assert.Equal(6L, await ScalarAsync(connection, "PRAGMA user_version;"));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal(3L, await ScalarAsync(
            connection, "SELECT count(*) FROM sqlite_schema WHERE name IN ('facts', 'current_facts', 'enterprises');"));
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

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
