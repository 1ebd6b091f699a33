using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Server.Security;

/// <summary>
/// Writes a development PKI: a department CA with its key, a server certificate for localhost
/// and 127.0.0.1, one client certificate per identity and the CA's CRL, as PEM files
/// (<c>ca.crt</c>, <c>ca.key</c>, <c>ca.crl</c>, <c>hub.crt</c>, <c>hub.key</c>,
/// <c>&lt;code&gt;.crt</c>, <c>&lt;code&gt;.key</c>). The CA key is kept so that certificates
/// can be issued and revoked later. For development and tests only: a real deployment uses
/// certificates from the province's CA and never holds a CA key.
/// </summary>
public static class DevCertificateAuthority
{
    /// <summary>The identities of the demo departments and the operators.</summary>
    public static readonly IReadOnlyList<string> DevIdentities = ["amr", "tax", "customs", "hrss", "court", "portal", "admin"];

    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>True when every file of a dev PKI for <paramref name="identities"/> is in <paramref name="folder"/>.</summary>
    public static bool IsComplete(string folder, IEnumerable<string> identities) =>
        new[] { "ca.crt", "ca.key", "ca.crl", "hub.crt", "hub.key" }
            .Concat(identities.SelectMany(code => new[] { $"{code}.crt", $"{code}.key" }))
            .All(file => File.Exists(Path.Combine(folder, file)));

    /// <summary>
    /// Completes the dev PKI in <paramref name="folder"/> and says what it did, or null when it
    /// was complete. With the CA's key at hand only what is missing is written (an empty CRL, a
    /// missing certificate), so certificates already handed out stay valid; a folder without the
    /// key (written before the key was kept, or empty) gets a whole new PKI.
    /// </summary>
    public static string? Complete(string folder, IReadOnlyList<string> identities)
    {
        if (IsComplete(folder, identities))
        {
            return null;
        }

        if (!File.Exists(Path.Combine(folder, "ca.crt")) || !File.Exists(Path.Combine(folder, "ca.key")))
        {
            var replaced = File.Exists(Path.Combine(folder, "ca.crt"));
            Write(folder, identities);
            return replaced
                ? $"{Path.GetFullPath(folder)} had no CA key (it predates dev-certs issue/revoke): wrote a new dev PKI; "
                  + "clients must use the new certificates"
                : $"Wrote a development PKI to {Path.GetFullPath(folder)}";
        }

        using var ca = LoadCa(folder);
        var written = new List<string>();
        if (!File.Exists(Path.Combine(folder, "ca.crl")))
        {
            WriteCrl(folder, ca, new CertificateRevocationListBuilder(), 1);
            written.Add("ca.crl");
        }

        if (!File.Exists(Path.Combine(folder, "hub.crt")) || !File.Exists(Path.Combine(folder, "hub.key")))
        {
            WriteServer(folder, ca);
            written.Add("hub.crt");
        }

        foreach (var code in identities.Where(c => !File.Exists(Path.Combine(folder, $"{c}.crt")) || !File.Exists(Path.Combine(folder, $"{c}.key"))))
        {
            Issue(folder, ca, code);
            written.Add($"{code}.crt");
        }

        return $"Completed the dev PKI in {Path.GetFullPath(folder)}: {string.Join(", ", written)}";
    }

    /// <summary>Writes a new CA and its certificates into <paramref name="folder"/>, replacing what is there.</summary>
    public static void Write(string folder, IEnumerable<string> identities, string caName = "EnterpriseHub Dev Department CA")
    {
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}, O=EnterpriseHub", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now, now.AddYears(10));
        File.WriteAllText(Path.Combine(folder, "ca.crt"), ca.ExportCertificatePem() + "\n");
        WriteKey(Path.Combine(folder, "ca.key"), caKey);
        WriteCrl(folder, ca, new CertificateRevocationListBuilder(), 1);
        WriteServer(folder, ca);
        foreach (var code in identities)
        {
            Issue(folder, ca, code);
        }
    }

    /// <summary>Issues (or reissues) the client certificate <c>NAME.crt</c>/<c>NAME.key</c> with the kept CA key.</summary>
    public static X509Certificate2 Issue(string folder, string name)
    {
        using var ca = LoadCa(folder);
        return Issue(folder, ca, name);
    }

    /// <summary>Adds <c>NAME.crt</c> to the CRL <c>ca.crl</c>, signed with the kept CA key; returns its serial number.</summary>
    public static string Revoke(string folder, string name, X509RevocationReason reason = X509RevocationReason.KeyCompromise)
    {
        using var ca = LoadCa(folder);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, $"{name}.crt"));
        var crlPath = Path.Combine(folder, "ca.crl");
        var (builder, number) = File.Exists(crlPath)
            ? (CertificateRevocationListBuilder.LoadPem(File.ReadAllText(crlPath), out var current), current + 1)
            : (new CertificateRevocationListBuilder(), System.Numerics.BigInteger.One);
        builder.AddEntry(certificate, DateTimeOffset.UtcNow, reason);
        WriteCrl(folder, ca, builder, number);
        return certificate.SerialNumber;
    }

    /// <summary>The dev CA with its private key (for issuing and revoking).</summary>
    public static X509Certificate2 LoadCa(string folder) =>
        X509Certificate2.CreateFromPemFile(Path.Combine(folder, "ca.crt"), Path.Combine(folder, "ca.key"));

    internal static void WriteCrl(string folder, X509Certificate2 ca, CertificateRevocationListBuilder builder, System.Numerics.BigInteger number)
    {
        // The dev CRL is good for as long as the CA: a real CA publishes every few days, and the hub
        // refuses certificates whose issuer's CRL is past its next update.
        var der = builder.Build(ca, number, ca.NotAfter.ToUniversalTime(), HashAlgorithmName.SHA256);
        var path = Path.Combine(folder, "ca.crl");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, PemEncoding.WriteString("X509 CRL", der) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    internal static void WriteServer(string folder, X509Certificate2 ca, string name = "hub")
    {
        var serverNames = new SubjectAlternativeNameBuilder();
        serverNames.AddDnsName("localhost");
        serverNames.AddIpAddress(IPAddress.Loopback);
        serverNames.AddIpAddress(IPAddress.IPv6Loopback);
        using var _ = WriteLeaf(folder, name, ca, ServerAuth, serverNames.Build());
    }

    private static X509Certificate2 Issue(string folder, X509Certificate2 ca, string name) =>
        WriteLeaf(folder, name, ca, ClientAuth, extraExtension: null);

    private static X509Certificate2 WriteLeaf(string folder, string name, X509Certificate2 ca, Oid usage, X509Extension? extraExtension)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=EnterpriseHub", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (extraExtension is not null)
        {
            request.CertificateExtensions.Add(extraExtension);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notAfter = now.AddYears(2) < ca.NotAfter ? now.AddYears(2) : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        var certificate = request.Create(ca, now, notAfter, serial);
        File.WriteAllText(Path.Combine(folder, $"{name}.crt"), certificate.ExportCertificatePem() + "\n");
        WriteKey(Path.Combine(folder, $"{name}.key"), key);
        return certificate;
    }

    internal static void WriteKey(string path, ECDsa key)
    {
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
