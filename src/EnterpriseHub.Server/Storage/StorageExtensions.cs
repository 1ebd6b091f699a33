using EnterpriseHub.Caching;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Server.Caching;
using EnterpriseHub.Storage.Postgres;
using EnterpriseHub.Storage.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Storage;

internal static class StorageExtensions
{
    public static void AddHubStorage(this WebApplicationBuilder builder, StorageOptions storage, CacheOptions cache)
    {
        builder.AddHubCache(cache);
        if (storage.IsPostgres)
        {
            builder.Services.AddPostgresFactStore(postgres => postgres.ConnectionString = storage.Postgres.ConnectionString, CacheExtensions.Cached);
        }
        else
        {
            builder.Services.AddSqliteFactStore(sqlite => sqlite.DatabasePath = storage.Sqlite.DatabasePath, CacheExtensions.Cached);
        }

        builder.Services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store");
    }

    /// <summary>Creates or migrates the schema before the hub takes its first call.</summary>
    public static async Task InitializeStoreAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<IFactStore>().InitializeAsync(cancellationToken);
        var cache = app.Services.GetRequiredService<IOptions<CacheOptions>>().Value;
        if (app.Services.GetService<PostgresFactStore>() is not null && cache.Enabled && cache.Redis.Length == 0)
        {
            StorageLog.CachePerReplica(app.Logger);
        }
    }

    private sealed class StoreHealthCheck(IFactStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                await store.IsEmptyAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Core.Errors.HubUnavailableException exception)
            {
                return HealthCheckResult.Unhealthy("the store is unavailable", exception);
            }
        }
    }
}

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "The store is shared (PostgreSQL) but the cache is in memory: run one replica, or set Hub:Cache:Redis so that replicas see each other's changes")]
    public static partial void CachePerReplica(ILogger logger);
}
