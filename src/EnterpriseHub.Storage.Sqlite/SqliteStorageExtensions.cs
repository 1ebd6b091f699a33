using EnterpriseHub.Core.Facts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>Registers the embedded SQLite store as the singleton <see cref="IFactStore"/>.</summary>
    public static IServiceCollection AddSqliteFactStore(this IServiceCollection services, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteStoreOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.DatabasePath), "DatabasePath is required.")
            .ValidateOnStart();
        services.AddSingleton<IFactStore>(provider =>
            new SqliteFactStore(provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        return services;
    }
}
