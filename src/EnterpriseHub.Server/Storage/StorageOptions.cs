using EnterpriseHub.Storage.Sqlite;

namespace EnterpriseHub.Server.Storage;

/// <summary>Configuration section <c>Hub:Storage</c>: which store adapter holds the facts.</summary>
public sealed class StorageOptions
{
    public const string SqliteProvider = "sqlite";

    /// <summary>The adapter: <c>sqlite</c> (embedded, the default).</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>The SQLite adapter's settings.</summary>
    public SqliteStoreOptions Sqlite { get; set; } = new();

    internal IEnumerable<string> Validate()
    {
        if (!string.Equals(Provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Hub:Storage:Provider '{Provider}' is not supported; use '{SqliteProvider}'.";
        }
        else if (string.IsNullOrWhiteSpace(Sqlite.DatabasePath))
        {
            yield return "Hub:Storage:Sqlite:DatabasePath is required.";
        }
    }
}
