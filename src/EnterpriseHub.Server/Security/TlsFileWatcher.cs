namespace EnterpriseHub.Server.Security;

/// <summary>Polls the TLS files for changes every <see cref="TlsOptions.ReloadSeconds"/>.</summary>
internal sealed class TlsFileWatcher(TrustMaterialSource source, TlsOptions tls, TimeProvider time, ILogger<TlsFileWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (tls.CrlPaths.Count == 0)
        {
            SecurityLog.RevocationNotChecked(logger);
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(tls.ReloadSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                source.ReloadIfChanged(logger);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
