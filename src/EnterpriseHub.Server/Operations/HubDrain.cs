using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseHub.Server.Operations;

/// <summary>
/// Draining: when the hub is asked to stop (SIGTERM, <c>StopAsync</c>), before Kestrel stops it
/// reports itself not ready (<c>/readyz</c> 503, gRPC health NOT_SERVING, pushed to Health/Watch
/// callers at once) and keeps serving for <see cref="OperationsOptions.DrainSeconds"/>, so that
/// balancers take it out of rotation; then the host stops as before. The host runs every
/// <see cref="IHostedLifecycleService.StoppingAsync"/> before it stops any hosted service, the
/// web server among them. Likewise, before any hosted service starts, it publishes the hub's
/// health once, so that gRPC health knows every service from the first call instead of after the
/// periodic publisher's first run (5 s later): a Health/Watch that began before that run would
/// otherwise be told SERVING twice, once as the current status and once as the change.
/// </summary>
public sealed class HubDrain(
    OperationsOptions options, DrainSignal signal, HealthCheckService health, IEnumerable<IHealthCheckPublisher> publishers, ILogger<HubDrain> logger)
    : IHostedLifecycleService
{
    public bool IsDraining => signal.IsDraining;

    /// <summary>Completes when the hub starts draining (not ready, still serving); tests wait on it.</summary>
    public Task Draining => signal.Draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        signal.Begin();
        OperationsLog.Draining(logger, options.DrainSeconds);
        try
        {
            // Health/Watch callers read what the publishers last set: publish the change now, not at the next period.
            await PublishAsync(cancellationToken);
            // The real clock: a balancer's probes run on it, whatever time the hub's domain keeps.
            await Task.Delay(TimeSpan.FromSeconds(options.DrainSeconds), TimeProvider.System, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout cut the drain short; stopping goes on.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => PublishAsync(cancellationToken);

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        await Task.WhenAll(publishers.Select(p => p.PublishAsync(report, cancellationToken)));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Whether the hub drains, set once when it begins to stop: what readiness, the gRPC health
/// publisher (<see cref="DrainingPublisher"/>) and <see cref="HubDrain"/> read. Apart from
/// <see cref="HubDrain"/>, which the publisher would otherwise depend on through the publishers it calls.
/// </summary>
public sealed class DrainSignal
{
    private readonly TaskCompletionSource draining = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDraining => draining.Task.IsCompleted;

    public Task Draining => draining.Task;

    internal void Begin() => draining.TrySetResult();
}
