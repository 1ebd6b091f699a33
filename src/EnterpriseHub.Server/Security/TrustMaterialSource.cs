namespace EnterpriseHub.Server.Security;

/// <summary>
/// The trust material in force, and its reload. The files are polled (length and write time,
/// at most every <see cref="TlsOptions.ReloadSeconds"/>) rather than watched: a polled stamp
/// also sees files replaced by a symlink swap, as mounted secrets are, where a file watcher
/// misses events. A change that does not load (a key that does not match its certificate yet,
/// a half-written CRL) keeps the old material and is tried again at the next poll.
/// </summary>
internal sealed class TrustMaterialSource(TlsOptions tls, TrustMaterial initial)
{
    private readonly Lock reloading = new();
    private volatile TrustMaterial current = initial;
    private string stamp = Stamp(tls);
    private string failedStamp = "";

    public TrustMaterial Current => current;

    /// <summary>Raised after new material is in force (the connection recheck sweeps at once).</summary>
    public event Action<TrustMaterial>? Reloaded;

    /// <summary>Loads the files at start; every problem stops the start.</summary>
    public static TrustMaterialSource Create(TlsOptions tls)
    {
        var material = TrustMaterial.Load(tls, generation: 1, out var problems);
        return material is null ? throw new Hosting.HubConfigurationException(problems) : new TrustMaterialSource(tls, material);
    }

    /// <summary>Reloads when a file changed since the last load; true when new material is in force.</summary>
    public bool ReloadIfChanged(ILogger logger)
    {
        TrustMaterial loaded;
        lock (reloading)
        {
            var now = Stamp(tls);
            if (now == stamp)
            {
                return false;
            }

            var material = TrustMaterial.Load(tls, current.Generation + 1, out var problems);
            if (material is null)
            {
                if (now != failedStamp)
                {
                    failedStamp = now;
                    SecurityLog.ReloadFailed(logger, string.Join(" ", problems));
                }

                return false;
            }

            stamp = now;
            current = material;
            loaded = material;
        }

        SecurityLog.Reloaded(logger, loaded.Generation, loaded.ServerCertificate.SerialNumber, loaded.Roots.Count, loaded.Crls.Count);
        Reloaded?.Invoke(loaded);
        return true;
    }

    private static string Stamp(TlsOptions tls) =>
        string.Join('|', tls.Files.Select(path =>
        {
            var file = new FileInfo(path);
            return file.Exists ? $"{file.Length}:{file.LastWriteTimeUtc.Ticks}" : "-";
        }));
}
