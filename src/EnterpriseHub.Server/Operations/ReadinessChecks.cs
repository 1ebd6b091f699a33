using EnterpriseHub.Core.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseHub.Server.Operations;

/// <summary>Ready only with a catalog: without fact types the hub can neither validate nor authorize anything.</summary>
internal sealed class CatalogHealthCheck(FactTypeCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(catalog.All.Count > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the catalog is not loaded"));
}

/// <summary>Not ready while draining: the hub still serves, but balancers should send new calls elsewhere.</summary>
internal sealed class DrainingHealthCheck(DrainSignal drain) : IHealthCheck
{
    public const string Name = "draining";
    public const string Stopping = "the hub is stopping";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy(Stopping) : HealthCheckResult.Healthy());
}
