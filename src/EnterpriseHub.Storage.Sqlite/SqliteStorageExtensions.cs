using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>Registers the embedded SQLite store as the singleton <see cref="IFactStore"/> and <see cref="IAuditStore"/>.</summary>
    public static IServiceCollection AddSqliteFactStore(this IServiceCollection services, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteStoreOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.DatabasePath), "DatabasePath is required.")
            .ValidateOnStart();
        services.AddSingleton(provider => new SqliteFactStore(provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        services.AddSingleton<IFactStore>(provider => provider.GetRequiredService<SqliteFactStore>());
        services.AddSingleton<IAuditStore>(provider => provider.GetRequiredService<SqliteFactStore>());
        services.AddSingleton<IGrantStore>(provider => provider.GetRequiredService<SqliteFactStore>());
        services.AddSingleton<ICatalogStore>(provider => provider.GetRequiredService<SqliteFactStore>());
        services.AddSingleton<ISubscriptionStore>(provider => provider.GetRequiredService<SqliteFactStore>());
        services.AddSingleton<ICreditStore>(provider => provider.GetRequiredService<SqliteFactStore>());
        return services;
    }
}
