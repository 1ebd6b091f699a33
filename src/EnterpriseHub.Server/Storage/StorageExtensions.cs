using EnterpriseHub.Core.Caching;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Server.Caching;
using EnterpriseHub.Storage.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseHub.Server.Storage;

internal static class StorageExtensions
{
    public static void AddHubStorage(this WebApplicationBuilder builder, StorageOptions storage, CacheOptions cache)
    {
        builder.Services.AddSqliteFactStore(sqlite => sqlite.DatabasePath = storage.Sqlite.DatabasePath);
        builder.AddHubCache(cache);
        builder.Services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store");
    }

    /// <summary>Creates or migrates the schema before the hub takes its first call.</summary>
    public static Task InitializeStoreAsync(this WebApplication app, CancellationToken cancellationToken) =>
        app.Services.GetRequiredService<IFactStore>().InitializeAsync(cancellationToken);

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
