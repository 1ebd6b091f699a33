using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Storage.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddStoreContracts(
            configure, options => !string.IsNullOrWhiteSpace(options.ConnectionString), "ConnectionString is required.",
            options => new PostgresFactStore(options), wrapFacts);

        // The host registers these itself; a host that does not still gets a working listener.
        services.TryAddSingleton<FeedSignal>();
        services.TryAddSingleton<AlertSignal>();
        services.TryAddSingleton<NoticeSignal>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<PostgresFeedListener>();
        return services;
    }
}
