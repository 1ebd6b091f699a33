using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Server.Security;

/// <summary>
/// Everything the TLS layer trusts and presents, read from the configured files at one moment:
/// the server certificate with its intermediates, the client roots, the configured
/// intermediates and the CRLs. Immutable; a change of the files makes a new one.
/// </summary>
internal sealed class TrustMaterial
{
    private TrustMaterial(
        SslStreamCertificateContext server, X509Certificate2 serverCertificate, X509Certificate2Collection roots,
        X509Certificate2Collection intermediates, IReadOnlyList<RevocationList> crls, long generation)
    {
        Server = server;
        ServerCertificate = serverCertificate;
        Roots = roots;
        Intermediates = intermediates;
        Crls = crls;
        Generation = generation;
    }

    /// <summary>The server certificate and the intermediates it sends, chained offline once.</summary>
    public SslStreamCertificateContext Server { get; }

    public X509Certificate2 ServerCertificate { get; }

    public X509Certificate2Collection Roots { get; }

    public X509Certificate2Collection Intermediates { get; }

    public IReadOnlyList<RevocationList> Crls { get; }

    /// <summary>Counts the loads: 1 at start, one more for each reload.</summary>
    public long Generation { get; }

    /// <summary>
    /// The policy of every chain the hub builds, in the TLS layer's own build and in ours:
    /// the configured roots alone, no download of anything named in a certificate (AIA, CDP,
    /// OCSP), revocation checked by the hub from its CRL files.
    /// </summary>
    public X509ChainPolicy ChainPolicy(DateTimeOffset now)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            DisableCertificateDownloads = true,
            RevocationMode = X509RevocationMode.NoCheck,
            VerificationTime = now.UtcDateTime,
            VerificationTimeIgnored = false,
            UrlRetrievalTimeout = TimeSpan.FromMilliseconds(1),
        };
        policy.CustomTrustStore.AddRange(Roots);
        policy.ExtraStore.AddRange(Intermediates);
        policy.ApplicationPolicy.Add(ClientCertificateValidator.ClientAuth);
        return policy;
    }

    /// <summary>Reads the files; on any problem returns null and every problem found.</summary>
    public static TrustMaterial? Load(TlsOptions tls, long generation, out List<string> problems)
    {
        problems = [];
        var server = Try(problems, "Hub:Tls:CertificatePath/KeyPath", () => LoadServer(tls));
        var roots = Try(problems, "Hub:Tls:ClientCaPath", () => LoadCertificates(tls.ClientCaPath, requireCa: true));
        var intermediates = string.IsNullOrWhiteSpace(tls.IntermediatesPath)
            ? []
            : Try(problems, "Hub:Tls:IntermediatesPath", () => LoadCertificates(tls.IntermediatesPath, requireCa: true));
        var crls = new List<RevocationList>();
        for (var i = 0; i < tls.CrlPaths.Count; i++)
        {
            var lists = Try(problems, $"Hub:Tls:CrlPaths:{i}", () => RevocationList.Load(tls.CrlPaths[i]));
            if (lists is null)
            {
                continue;
            }

            foreach (var list in lists)
            {
                // A list that names one of our CAs must carry its signature; one from a CA we
                // only meet in client chains is verified when such a chain arrives.
                var named = (roots ?? []).Concat(intermediates ?? []).Where(list.NamesIssuer).ToList();
                if (named.Count > 0 && !named.Any(list.IsSignedBy))
                {
                    problems.Add($"Hub:Tls:CrlPaths:{i} '{tls.CrlPaths[i]}': the CRL of '{list.Issuer.Name}' is not signed by that CA.");
                }

                crls.Add(list);
            }
        }

        if (problems.Count > 0 || server is null || roots is null || intermediates is null)
        {
            return null;
        }

        return new TrustMaterial(server.Context, server.Leaf, roots, intermediates, crls, generation);
    }

    private sealed record ServerCredential(SslStreamCertificateContext Context, X509Certificate2 Leaf);

    private static T? Try<T>(List<string> problems, string key, Func<T> load)
        where T : class
    {
        try
        {
            return load();
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or FormatException
                                              or ArgumentException or UnauthorizedAccessException or System.Formats.Asn1.AsnContentException)
        {
            problems.Add($"{key}: {exception.Message}");
            return default;
        }
    }

    private static ServerCredential LoadServer(TlsOptions tls)
    {
        var leaf = X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(tls.CertificatePath);
        var intermediates = new X509Certificate2Collection(chain.Where(c => c.Thumbprint != leaf.Thumbprint).ToArray());
        // offline: the context never fetches a missing intermediate or an OCSP response.
        return new ServerCredential(SslStreamCertificateContext.Create(leaf, intermediates, offline: true), leaf);
    }

    /// <summary>A PEM bundle (one or more certificates) or a single DER certificate.</summary>
    internal static X509Certificate2Collection LoadCertificates(string path, bool requireCa)
    {
        var certificates = new X509Certificate2Collection();
        if (File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal))
        {
            certificates.ImportFromPemFile(path);
        }
        else
        {
            certificates.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }

        if (certificates.Count == 0)
        {
            throw new CryptographicException($"'{path}' holds no certificate.");
        }

        var notCa = certificates.FirstOrDefault(c => requireCa
            && c.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true });
        return notCa is null ? certificates : throw new CryptographicException($"'{path}': '{notCa.Subject}' is not a CA certificate.");
    }
}
