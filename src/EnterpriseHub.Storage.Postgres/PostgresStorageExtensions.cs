using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Storage.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>
    /// Registers the shared PostgreSQL store as the one instance behind every store contract, and
    /// the listener that wakes this replica's watches when another replica appends facts, credit alerts or notices;
    /// <paramref name="wrapFacts"/>, when given, wraps the fact contract (the profile cache).
    /// </summary>
    public static IServiceCollection AddPostgresFactStore(
        this IServiceCollection services, Action<PostgresStoreOptions> configure, Func<IServiceProvider, IFactStore, IFactStore>? wrapFacts = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgresStoreOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString), "ConnectionString is required.")
            .ValidateOnStart();
        services.AddStoreContracts(provider => new PostgresFactStore(provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value), wrapFacts);

        // The host registers these itself; a host that does not still gets a working listener.
        services.TryAddSingleton<FeedSignal>();
        services.TryAddSingleton<AlertSignal>();
        services.TryAddSingleton<NoticeSignal>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<PostgresFeedListener>();
        return services;
    }
}
