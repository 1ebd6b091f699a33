using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>
    /// Registers the shared PostgreSQL store as the one instance behind every store contract, and
    /// the listener that wakes this replica's watches when another replica appends facts or credit alerts.
    /// </summary>
    public static IServiceCollection AddPostgresFactStore(this IServiceCollection services, Action<PostgresStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgresStoreOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString), "ConnectionString is required.")
            .ValidateOnStart();
        services.AddSingleton(provider => new PostgresFactStore(provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value));
        services.AddSingleton<IFactStore>(provider => provider.GetRequiredService<PostgresFactStore>());
        services.AddSingleton<IAuditStore>(provider => provider.GetRequiredService<PostgresFactStore>());
        services.AddSingleton<IGrantStore>(provider => provider.GetRequiredService<PostgresFactStore>());
        services.AddSingleton<ICatalogStore>(provider => provider.GetRequiredService<PostgresFactStore>());
        services.AddSingleton<ISubscriptionStore>(provider => provider.GetRequiredService<PostgresFactStore>());
        services.AddSingleton<ICreditStore>(provider => provider.GetRequiredService<PostgresFactStore>());

        // The host registers these itself; a host that does not still gets a working listener.
        services.TryAddSingleton<FeedSignal>();
        services.TryAddSingleton<AlertSignal>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<PostgresFeedListener>();
        return services;
    }
}
