using Npgsql;

namespace EnterpriseHub.Storage.Tests.Postgres;

/// <summary>
/// A database of its own for one test on the PostgreSQL server the test command started
/// (<c>HUB_TEST_POSTGRES</c>), dropped again afterwards.
/// </summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string name;

    private PostgresTestDatabase(string name, string connectionString)
    {
        this.name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The server's connection string; a test run without it fails rather than passes unseen.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "HUB_TEST_POSTGRES is not set. Run ./test.sh, which starts the PostgreSQL server these tests need and sets it.");

    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var name = "hub_t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name};");
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name };
        return new PostgresTestDatabase(name, builder.ConnectionString);
    }

    /// <summary>Runs SQL on this database on a connection of its own.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE);");

    private static async Task ExecuteAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
