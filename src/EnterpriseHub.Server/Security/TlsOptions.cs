using System.Net;

namespace EnterpriseHub.Server.Security;

/// <summary>Configuration section <c>Hub:Tls</c>: where the hub listens and which PKI it trusts.</summary>
public sealed class TlsOptions
{
    /// <summary>Address and port to listen on; port 0 takes a free port.</summary>
    public string Listen { get; set; } = "127.0.0.1:7443";

    /// <summary>The server certificate (PEM), optionally followed by its intermediates, which the hub sends.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The server certificate's private key (PEM).</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>
    /// The department CA (PEM or DER), or a PEM bundle of several: the only roots client
    /// certificates may chain to. Several at once let a CA roll over.
    /// </summary>
    public string ClientCaPath { get; set; } = "";

    /// <summary>Optional PEM bundle of intermediate CAs between those roots and client certificates.</summary>
    public string IntermediatesPath { get; set; } = "";

    /// <summary>
    /// Certificate revocation lists (PEM or DER), one file per CA as the CA publishes them. When
    /// any is configured, every certificate below a root needs a current CRL of its issuer.
    /// </summary>
    public List<string> CrlPaths { get; set; } = [];

    /// <summary>How often every open connection's client certificate is checked again (expiry, revocation).</summary>
    public int RecheckSeconds { get; set; } = 30;

    /// <summary>How often the certificate, CA, intermediate and CRL files are looked at for changes.</summary>
    public int ReloadSeconds { get; set; } = 5;

    /// <summary>
    /// Development only: when the certificate files are missing, write a dev PKI into this
    /// folder first. Empty in every other environment.
    /// </summary>
    public string DevCertificatesFolder { get; set; } = "";

    internal IPEndPoint ListenEndPoint => IPEndPoint.Parse(Listen);

    /// <summary>Every file the hub's TLS reads, reloaded when one of them changes.</summary>
    internal IEnumerable<string> Files =>
        new[] { CertificatePath, KeyPath, ClientCaPath, IntermediatesPath }.Concat(CrlPaths)
            .Where(path => !string.IsNullOrWhiteSpace(path));

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

        if (!string.IsNullOrWhiteSpace(IntermediatesPath) && !File.Exists(IntermediatesPath))
        {
            yield return $"Hub:Tls:IntermediatesPath '{IntermediatesPath}' does not exist.";
        }

        for (var i = 0; i < CrlPaths.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(CrlPaths[i]) || !File.Exists(CrlPaths[i]))
            {
                yield return $"Hub:Tls:CrlPaths:{i} '{CrlPaths[i]}' does not exist.";
            }
        }

        if (RecheckSeconds is < 1 or > 3600)
        {
            yield return "Hub:Tls:RecheckSeconds must be between 1 and 3600.";
        }

        if (ReloadSeconds is < 1 or > 3600)
        {
            yield return "Hub:Tls:ReloadSeconds must be between 1 and 3600.";
        }
    }
}
