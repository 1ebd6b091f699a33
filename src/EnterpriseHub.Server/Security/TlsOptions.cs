using System.Net;

namespace EnterpriseHub.Server.Security;

/// <summary>Configuration section <c>Hub:Tls</c>: where the hub listens and which PKI it trusts.</summary>
public sealed class TlsOptions
{
    /// <summary>Address and port to listen on; port 0 takes a free port.</summary>
    public string Listen { get; set; } = "127.0.0.1:7443";

    /// <summary>The server certificate (PEM).</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The server certificate's private key (PEM).</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>The department CA (PEM): the only root client certificates may chain to.</summary>
    public string ClientCaPath { get; set; } = "";

    /// <summary>
    /// Development only: when the certificate files are missing, write a dev PKI into this
    /// folder first. Empty in every other environment.
    /// </summary>
    public string DevCertificatesFolder { get; set; } = "";

    internal IPEndPoint ListenEndPoint => IPEndPoint.Parse(Listen);

    internal IEnumerable<string> Validate()
    {
        if (!IPEndPoint.TryParse(Listen, out _))
        {
            yield return $"Hub:Tls:Listen '{Listen}' is not an address:port such as 127.0.0.1:7443.";
        }

        foreach (var (key, path) in new[]
                 {
                     ("CertificatePath", CertificatePath), ("KeyPath", KeyPath), ("ClientCaPath", ClientCaPath),
                 })
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                yield return $"Hub:Tls:{key} is required.";
            }
            else if (!File.Exists(path))
            {
                yield return $"Hub:Tls:{key} '{path}' does not exist.";
            }
        }
    }
}
