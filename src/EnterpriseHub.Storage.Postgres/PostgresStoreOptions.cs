namespace EnterpriseHub.Storage.Postgres;

/// <summary>Where the shared PostgreSQL store lives.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>
    /// An Npgsql connection string. It may hold a password, so it is never logged or sent to a caller.
    /// Unless it says otherwise, the hub prepares its statements on each connection (<c>Max Auto
    /// Prepare=64</c>) and keeps them when a connection returns to the pool (<c>No Reset On
    /// Close=true</c>); behind a connection pooler that cannot keep prepared statements, give
    /// <c>Max Auto Prepare=0</c>.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;
}
