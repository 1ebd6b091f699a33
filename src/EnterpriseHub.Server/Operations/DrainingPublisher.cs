using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseHub.Server.Operations;

/// <summary>
/// Wraps the gRPC health service's publisher so that once the hub drains, every report it
/// publishes says so. The periodic publisher may have run the checks just before draining began
/// and publish that "serving" report after <see cref="HubDrain"/> published NOT_SERVING; without
/// this, Health/Watch callers would be told the hub serves again while it stops.
/// </summary>
internal sealed class DrainingPublisher(IHealthCheckPublisher inner, DrainSignal drain) : IHealthCheckPublisher
{
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken) =>
        inner.PublishAsync(drain.IsDraining ? Draining(report) : report, cancellationToken);

    private static HealthReport Draining(HealthReport report)
    {
        var entries = new Dictionary<string, HealthReportEntry>(report.Entries, StringComparer.Ordinal)
        {
            [DrainingHealthCheck.Name] = new(HealthStatus.Unhealthy, DrainingHealthCheck.Stopping, TimeSpan.Zero, exception: null, data: null),
        };
        return new HealthReport(entries, report.TotalDuration);
    }
}
