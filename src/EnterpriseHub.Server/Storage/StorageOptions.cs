using EnterpriseHub.Storage.Sqlite;

namespace EnterpriseHub.Server.Storage;

/// <summary>Configuration section <c>Hub:Storage</c>: which store adapter holds the facts.</summary>
public sealed class StorageOptions
{
    public const string SqliteProvider = "sqlite";
    public const string PostgresProvider = "postgres";

    /// <summary>The adapter: <c>sqlite</c> (embedded, one hub process, the default) or <c>postgres</c> (several replicas).</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>The SQLite adapter's settings.</summary>
    public SqliteStoreOptions Sqlite { get; set; } = new();

    /// <summary>The PostgreSQL adapter's settings.</summary>
    public PostgresSettings Postgres { get; set; } = new();

    internal bool IsPostgres => string.Equals(Provider, PostgresProvider, StringComparison.OrdinalIgnoreCase);

    internal IEnumerable<string> Validate()
    {
        if (IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(Postgres.ConnectionString))
            {
                yield return "Hub:Storage:Postgres:ConnectionString is required when Hub:Storage:Provider is 'postgres'.";
            }
        }
        else if (!string.Equals(Provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Hub:Storage:Provider '{Provider}' is not supported; use '{SqliteProvider}' or '{PostgresProvider}'.";
        }
        else if (string.IsNullOrWhiteSpace(Sqlite.DatabasePath))
        {
            yield return "Hub:Storage:Sqlite:DatabasePath is required.";
        }
    }
}

/// <summary>Configuration section <c>Hub:Storage:Postgres</c>.</summary>
public sealed class PostgresSettings
{
    /// <summary>An Npgsql connection string (<c>Host=…;Port=5432;Database=hub;Username=hub;Password=…</c>).</summary>
    public string ConnectionString { get; set; } = string.Empty;
}
