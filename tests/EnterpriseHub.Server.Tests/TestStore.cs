using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace EnterpriseHub.Server.Tests;

/// <summary>
/// Which store the hubs of these tests run on. By default each hub has a SQLite file in its
/// folder; with <c>HUB_TEST_STORE=postgres</c> (the second pass of <c>./test.sh</c>) each hub
/// folder gets its own PostgreSQL database and Redis key prefix on the servers the test command
/// started, so every integration test also runs against the scale-out stores.
/// </summary>
internal static class TestStore
{
    public static bool IsPostgres => Environment.GetEnvironmentVariable("HUB_TEST_STORE") == "postgres";

    /// <summary>The hub arguments that put a hub with folder <paramref name="root"/> on the chosen store; the same folder gets the same store again.</summary>
    public static async Task<string[]> ArgumentsAsync(string root)
    {
        if (!IsPostgres)
        {
            return [$"--Hub:Storage:Sqlite:DatabasePath={Path.Combine(root, "hub.db")}"];
        }

        var server = Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("HUB_TEST_REDIS");
        if (string.IsNullOrEmpty(server) || string.IsNullOrEmpty(redis))
        {
            throw new InvalidOperationException(
                "HUB_TEST_STORE=postgres needs HUB_TEST_POSTGRES and HUB_TEST_REDIS; run the tests through ./test.sh, which starts both.");
        }

        var database = DatabaseName(root);
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        return
        [
            "--Hub:Storage:Provider=postgres",
            $"--Hub:Storage:Postgres:ConnectionString={ConnectionString(root)}",
            $"--Hub:Cache:Redis={redis}",
            $"--Hub:Cache:KeyPrefix={database}:",
        ];
    }

    /// <summary>Runs a statement on the store of the hub with folder <paramref name="root"/>, behind its back; returns the rows it changed.</summary>
    public static async Task<int> ExecuteBehindTheHubAsync(string root, string sql)
    {
        if (!IsPostgres)
        {
            await using var file = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(root, "hub.db")};Pooling=False");
            await file.OpenAsync();
            await using var command = file.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync();
        }

        await using var connection = new NpgsqlConnection(ConnectionString(root));
        await connection.OpenAsync();
        await using var statement = new NpgsqlCommand(sql, connection);
        return await statement.ExecuteNonQueryAsync();
    }

    /// <summary>Reads one number from the store of the hub with folder <paramref name="root"/>, behind its back.</summary>
    public static async Task<long> ScalarBehindTheHubAsync(string root, string sql)
    {
        if (!IsPostgres)
        {
            await using var file = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(root, "hub.db")};Mode=ReadOnly;Pooling=False");
            await file.OpenAsync();
            await using var command = file.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var connection = new NpgsqlConnection(ConnectionString(root));
        await connection.OpenAsync();
        await using var statement = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await statement.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string DatabaseName(string root) =>
        "hub_s_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..20];

    private static string ConnectionString(string root) =>
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES")) { Database = DatabaseName(root) }.ConnectionString;
}
