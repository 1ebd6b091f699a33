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
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(tls.RecheckSeconds), time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
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
