namespace EnterpriseHub.Server.Security;

/// <summary>Runs the recheck every <see cref="TlsOptions.RecheckSeconds"/> and after every reload.</summary>
internal sealed class ConnectionRecheckService(ConnectionRecheck recheck, TrustMaterialSource source, TlsOptions tls, TimeProvider time)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnReload(TrustMaterial _) => recheck.Sweep();
        source.Reloaded += OnReload;
        try
        {
            // Delays, not a periodic timer, for the same reason as the file watcher's.
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(tls.RecheckSeconds), time, stoppingToken);
                recheck.Sweep();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            source.Reloaded -= OnReload;
        }
    }
}
