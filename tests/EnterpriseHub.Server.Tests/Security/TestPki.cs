extern alias server;

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DevCertificateAuthority = server::EnterpriseHub.Server.Security.DevCertificateAuthority;

namespace EnterpriseHub.Server.Tests.Security;

/// <summary>Certificates and CRLs made to measure for the TLS tests, with the dev CA's kept key or CAs of their own.</summary>
public static class TestPki
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    /// <summary>The dev CA of a fixture's certs folder, with its private key.</summary>
    public static X509Certificate2 DevCa(string certsFolder) => DevCertificateAuthority.LoadCa(certsFolder);

    public static X509Certificate2 SelfSignedCa(string name) => SelfSignedCa(new X500DistinguishedName($"CN={name}, O=Tests"));

    public static X509Certificate2 SelfSignedCa(X500DistinguishedName subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        AddCaExtensions(request);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        return request.CreateSelfSigned(now, now.AddYears(5));
    }

    /// <summary>A self-signed RSA root (the hub's CRL check handles RSA as well as ECDSA signatures).</summary>
    public static X509Certificate2 SelfSignedRsaCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddCaExtensions(request);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        return request.CreateSelfSigned(now, now.AddYears(5));
    }

    /// <summary>An intermediate CA under <paramref name="issuer"/>, with its private key.</summary>
    public static X509Certificate2 Intermediate(X509Certificate2 issuer, string name, params X509Extension[] extensions) =>
        Issue(issuer, new X500DistinguishedName($"CN={name}, O=Tests"), request =>
        {
            AddCaExtensions(request);
            foreach (var extension in extensions)
            {
                request.CertificateExtensions.Add(extension);
            }
        }, notAfter: DateTimeOffset.UtcNow.AddYears(1));

    /// <summary>A client certificate for CN=<paramref name="name"/> (clientAuth, valid now unless told otherwise).</summary>
    public static X509Certificate2 Client(
        X509Certificate2 issuer, string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null,
        Oid? usage = null, params X509Extension[] extensions) =>
        Client(issuer, new X500DistinguishedName($"CN={name}, O=EnterpriseHub"), notBefore, notAfter, usage, extensions);

    public static X509Certificate2 Client(
        X509Certificate2 issuer, X500DistinguishedName subject, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null,
        Oid? usage = null, params X509Extension[] extensions) =>
        Issue(issuer, subject, request =>
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage ?? ClientAuth], false));
            foreach (var extension in extensions)
            {
                request.CertificateExtensions.Add(extension);
            }
        }, notBefore, notAfter);

    /// <summary>A server certificate for localhost and 127.0.0.1.</summary>
    public static X509Certificate2 Server(X509Certificate2 issuer)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        return Issue(issuer, new X500DistinguishedName("CN=hub, O=EnterpriseHub"), request =>
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
            request.CertificateExtensions.Add(names.Build());
        });
    }

    /// <summary>Authority information access (CA issuers and OCSP) and CRL distribution points at <paramref name="url"/>.</summary>
    public static X509Extension[] PointingAt(Uri url) =>
    [
        new X509AuthorityInformationAccessExtension([new Uri(url, "ocsp").ToString()], [new Uri(url, "issuer.crt").ToString()]),
        CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([new Uri(url, "ca.crl").ToString()]),
    ];

    /// <summary>Writes a CRL of <paramref name="issuer"/> (PEM) revoking <paramref name="revoked"/> for key compromise.</summary>
    public static void WriteCrl(string path, X509Certificate2 issuer, params X509Certificate2[] revoked) =>
        WriteCrl(path, issuer, der: false, revoked);

    /// <summary>As above, as DER when <paramref name="der"/> (the form many CAs publish).</summary>
    public static void WriteCrl(string path, X509Certificate2 issuer, bool der, params X509Certificate2[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, DateTimeOffset.UtcNow.AddMinutes(-1), X509RevocationReason.KeyCompromise);
        }

        var padding = issuer.GetRSAPublicKey() is null ? null : RSASignaturePadding.Pkcs1;
        var list = builder.Build(issuer, System.Numerics.BigInteger.One, DateTimeOffset.UtcNow.AddDays(7), HashAlgorithmName.SHA256, padding);
        if (der)
        {
            File.WriteAllBytes(path, list);
        }
        else
        {
            File.WriteAllText(path, PemEncoding.WriteString("X509 CRL", list) + "\n");
        }
    }

    /// <summary>Writes certificates as one PEM bundle.</summary>
    public static string WritePem(string path, params X509Certificate2[] certificates)
    {
        File.WriteAllText(path, string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));
        return path;
    }

    /// <summary>Writes NAME.crt and NAME.key into <paramref name="folder"/> (the layout HubClientOptions.FromFolder reads).</summary>
    public static void WriteClientFiles(string folder, string name, X509Certificate2 certificate)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{name}.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(folder, $"{name}.crt"), certificate.ExportCertificatePem());
    }

    private static X509Certificate2 Issue(
        X509Certificate2 issuer, X500DistinguishedName subject, Action<CertificateRequest> extend,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        extend(request);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-1);
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var rsa = issuer.GetRSAPrivateKey();
        using var certificate = rsa is null
            ? request.Create(issuer, from, until, serial)
            : request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), from, until, serial);
        return certificate.CopyWithPrivateKey(key);
    }

    private static void AddCaExtensions(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
    }
}
