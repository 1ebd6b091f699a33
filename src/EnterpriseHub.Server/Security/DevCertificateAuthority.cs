using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Server.Security;

/// <summary>
/// Writes a development PKI: a department CA, a server certificate for localhost and
/// 127.0.0.1, and one client certificate per department code, as PEM files
/// (<c>ca.crt</c>, <c>hub.crt</c>, <c>hub.key</c>, <c>&lt;code&gt;.crt</c>, <c>&lt;code&gt;.key</c>).
/// For development and tests only: a real deployment uses certificates from the province's CA.
/// </summary>
public static class DevCertificateAuthority
{
    /// <summary>The identities of the demo departments and the operators.</summary>
    public static readonly IReadOnlyList<string> DevIdentities = ["amr", "tax", "customs", "hrss", "court", "portal", "admin"];

    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>True when every file of a dev PKI for <paramref name="identities"/> is in <paramref name="folder"/>.</summary>
    public static bool IsComplete(string folder, IEnumerable<string> identities) =>
        new[] { "ca.crt", "hub.crt", "hub.key" }
            .Concat(identities.SelectMany(code => new[] { $"{code}.crt", $"{code}.key" }))
            .All(file => File.Exists(Path.Combine(folder, file)));

    /// <summary>Writes a new CA and its certificates into <paramref name="folder"/>, replacing what is there.</summary>
    public static void Write(string folder, IEnumerable<string> identities, string caName = "EnterpriseHub Dev Department CA")
    {
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}, O=EnterpriseHub", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now, now.AddYears(10));
        File.WriteAllText(Path.Combine(folder, "ca.crt"), ca.ExportCertificatePem());

        var serverNames = new SubjectAlternativeNameBuilder();
        serverNames.AddDnsName("localhost");
        serverNames.AddIpAddress(IPAddress.Loopback);
        serverNames.AddIpAddress(IPAddress.IPv6Loopback);
        WriteLeaf(folder, "hub", ca, now, ServerAuth, serverNames.Build());

        foreach (var code in identities)
        {
            WriteLeaf(folder, code, ca, now, ClientAuth, extraExtension: null);
        }
    }

    private static void WriteLeaf(
        string folder, string name, X509Certificate2 ca, DateTimeOffset now, Oid usage, X509Extension? extraExtension)
    {
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
        using var certificate = request.Create(ca, now, now.AddYears(2), serial);
        File.WriteAllText(Path.Combine(folder, $"{name}.crt"), certificate.ExportCertificatePem());
        var keyPath = Path.Combine(folder, $"{name}.key");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
