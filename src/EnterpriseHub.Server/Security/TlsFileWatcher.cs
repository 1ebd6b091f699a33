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

        try
        {
            // One delay after another rather than a periodic timer: a test clock moved by days
            // fires a periodic timer once per elapsed period, a delay once.
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(tls.ReloadSeconds), time, stoppingToken);
                source.ReloadIfChanged(logger);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
