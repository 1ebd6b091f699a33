using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Server.Security;

/// <summary>A demo member of an enterprise's staff: the file name, the person and the enterprises they act for.</summary>
public sealed record DevEnterpriseUser(string File, string Name, string PersonId, IReadOnlyList<string> Usccs, string? EnterpriseName);

/// <summary>
/// The development enterprise-user PKI in <c>&lt;dev folder&gt;/enterprise-users/</c>: a CA of its
/// own (separate from the department CA, which never trusts it), its CRL, and a certificate with
/// key and PKCS#12 file for each demo person, for signing in to the enterprise's web page. Also the
/// web page's own server certificate (<c>web.crt</c>, from the department CA, for localhost).
/// certs/README.md says which subject fields carry what.
/// </summary>
public static class DevEnterpriseUsers
{
    /// <summary>The password of every demo PKCS#12 file: development only.</summary>
    public const string Pkcs12Password = "enterprisehub-dev";

    /// <summary>The subfolder of the dev PKI that holds the enterprise-user CA and certificates.</summary>
    public const string FolderName = "enterprise-users";

    /// <summary>X.520 organizationIdentifier: carries the enterprise's USCC as <c>NTRCN-&lt;USCC&gt;</c>.</summary>
    public const string OrganizationIdentifierOid = "2.5.4.97";

    /// <summary>The demo persons: one per zone's fixed enterprise, and an agent acting for two enterprises.</summary>
    public static readonly IReadOnlyList<DevEnterpriseUser> DemoUsers =
    [
        new("li-na", "李娜", "EHU-000101", ["91440115MA5HUB013L"], "广州南沙海联科技有限公司"),
        new("wang-wei", "王伟", "EHU-000201", ["91440305MA5HUB021A"], "深圳前海瑞通供应链管理有限公司"),
        new("zhang-min", "张敏", "EHU-000301", ["91440402MA5HUB03XU"], "珠海横琴澳琴生物科技有限公司"),
        new("chen-jie", "陈杰", "EHU-000401", ["91440115MA5HUB013L", "91440402MA5HUB03XU"], null),
    ];

    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Writes what is missing of the enterprise-user PKI and the web page's server certificate; says what it wrote, or null.</summary>
    public static string? Complete(string devFolder)
    {
        var written = new List<string>();
        if (!File.Exists(Path.Combine(devFolder, "web.crt")) || !File.Exists(Path.Combine(devFolder, "web.key")))
        {
            using var departmentCa = DevCertificateAuthority.LoadCa(devFolder);
            DevCertificateAuthority.WriteServer(devFolder, departmentCa, "web");
            written.Add("web.crt");
        }

        var folder = Path.Combine(devFolder, FolderName);
        if (!File.Exists(Path.Combine(folder, "ca.crt")) || !File.Exists(Path.Combine(folder, "ca.key")))
        {
            WriteCa(folder);
            written.Add($"{FolderName}/ca.crt");
        }

        using var ca = X509Certificate2.CreateFromPemFile(Path.Combine(folder, "ca.crt"), Path.Combine(folder, "ca.key"));
        foreach (var user in DemoUsers.Where(u => !File.Exists(Path.Combine(folder, $"{u.File}.p12"))))
        {
            var now = DateTimeOffset.UtcNow.AddMinutes(-5);
            using var _ = Issue(folder, ca, user, now, now.AddYears(2));
            written.Add($"{FolderName}/{user.File}.p12");
        }

        return written.Count == 0 ? null : $"Completed the enterprise-user dev PKI in {Path.GetFullPath(folder)}: {string.Join(", ", written)}";
    }

    /// <summary>Writes a new enterprise-user CA (ECDSA P-256, 10 years) with its key and an empty CRL.</summary>
    public static void WriteCa(string folder, string caName = "EnterpriseHub Dev Enterprise User CA")
    {
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={caName}, O=EnterpriseHub, C=CN", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(now, now.AddYears(10));
        File.WriteAllText(Path.Combine(folder, "ca.crt"), ca.ExportCertificatePem() + "\n");
        DevCertificateAuthority.WriteKey(Path.Combine(folder, "ca.key"), key);
        DevCertificateAuthority.WriteCrl(folder, ca, new CertificateRevocationListBuilder(), 1);
    }

    /// <summary>The subject of a person's certificate: country, enterprise name, the enterprises' codes, the person's name and id.</summary>
    public static X500DistinguishedName SubjectOf(DevEnterpriseUser user)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("CN");
        if (user.EnterpriseName is { } name)
        {
            subject.AddOrganizationName(name);
        }

        foreach (var uscc in user.Usccs)
        {
            subject.Add(OrganizationIdentifierOid, $"NTRCN-{uscc}", UniversalTagNumber.UTF8String);
        }

        subject.AddCommonName(user.Name);
        subject.Add("2.5.4.5", user.PersonId, UniversalTagNumber.PrintableString);
        return subject.Build();
    }

    /// <summary>
    /// Issues <c>FILE.crt</c>, <c>FILE.key</c> and <c>FILE.p12</c> for <paramref name="user"/> with
    /// the CA <paramref name="ca"/> (its key at hand), valid from <paramref name="notBefore"/> to
    /// <paramref name="notAfter"/>; returns the certificate with its key.
    /// </summary>
    public static X509Certificate2 Issue(string folder, X509Certificate2 ca, DevEnterpriseUser user, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SubjectOf(user), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuth], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(ca, notBefore, notAfter, serial);
        var withKey = certificate.CopyWithPrivateKey(key);
        File.WriteAllText(Path.Combine(folder, $"{user.File}.crt"), certificate.ExportCertificatePem() + "\n");
        DevCertificateAuthority.WriteKey(Path.Combine(folder, $"{user.File}.key"), key);
        File.WriteAllBytes(
            Path.Combine(folder, $"{user.File}.p12"),
            withKey.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, Pkcs12Password));
        return withKey;
    }
}
