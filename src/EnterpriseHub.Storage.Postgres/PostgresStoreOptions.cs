namespace EnterpriseHub.Storage.Postgres;

/// <summary>Where the shared PostgreSQL store lives.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>An Npgsql connection string. It may hold a password, so it is never logged or sent to a caller.</summary>
    public string ConnectionString { get; set; } = string.Empty;
}
