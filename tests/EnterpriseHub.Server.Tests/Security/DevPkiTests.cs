extern alias server;

using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DevCertificateAuthority = server::EnterpriseHub.Server.Security.DevCertificateAuthority;
using DevCertificatesCommand = server::EnterpriseHub.Server.Security.DevCertificatesCommand;
using DevEnterpriseUsers = server::EnterpriseHub.Server.Security.DevEnterpriseUsers;
using HubConfigurationException = server::EnterpriseHub.Server.Hosting.HubConfigurationException;

namespace EnterpriseHub.Server.Tests.Security;

/// <summary>The dev PKI's files and commands, and how the hub takes TLS files that do not load.</summary>
public sealed class DevPkiTests : IDisposable
{
    private readonly string root = System.IO.Directory.CreateTempSubdirectory("hub-devpki-").FullName;

    private string Certs => Path.Combine(root, "certs");

    [Fact]
    public void Write_NewFolder_KeepsTheCaKeyAndAnEmptyCrlSignedByTheCa()
    {
        DevCertificateAuthority.Write(Certs, ["tax"]);

        Assert.True(DevCertificateAuthority.IsComplete(Certs, ["tax"]));
        using var ca = DevCertificateAuthority.LoadCa(Certs);
        Assert.True(ca.HasPrivateKey);
        CertificateRevocationListBuilder.LoadPem(File.ReadAllText(Path.Combine(Certs, "ca.crl")), out var number);
        Assert.Equal(1, (int)number);
    }

    [Fact]
    public void Complete_FolderWithoutCaKey_WritesANewPki()
    {
        DevCertificateAuthority.Write(Certs, ["tax"]);
        var oldCa = File.ReadAllText(Path.Combine(Certs, "ca.crt"));
        File.Delete(Path.Combine(Certs, "ca.key"));
        File.Delete(Path.Combine(Certs, "ca.crl"));

        var message = DevCertificateAuthority.Complete(Certs, ["tax"]);

        Assert.Contains("no CA key", message, StringComparison.Ordinal);
        Assert.NotEqual(oldCa, File.ReadAllText(Path.Combine(Certs, "ca.crt")));
        Assert.True(DevCertificateAuthority.IsComplete(Certs, ["tax"]));
    }

    [Fact]
    public void Complete_FolderWithCaKeyMissingTheCrlAndACertificate_WritesOnlyThoseAndKeepsTheRest()
    {
        DevCertificateAuthority.Write(Certs, ["tax"]);
        var kept = new[] { "ca.crt", "tax.crt", "hub.crt" }.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(Certs, f)));
        File.Delete(Path.Combine(Certs, "ca.crl"));

        DevCertificateAuthority.Complete(Certs, ["tax", "court"]);

        Assert.True(DevCertificateAuthority.IsComplete(Certs, ["tax", "court"]));
        Assert.All(kept, file => Assert.Equal(file.Value, File.ReadAllText(Path.Combine(Certs, file.Key))));
    }

    [Fact]
    public void Command_IssueThenRevoke_WritesTheCertificateAndListsItsSerialInTheCrl()
    {
        DevCertificatesCommand.Run([Certs]);
        var crlBefore = File.ReadAllText(Path.Combine(Certs, "ca.crl"));

        Assert.Equal(0, DevCertificatesCommand.Run(["issue", "planning", Certs]));
        using var issued = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Certs, "planning.crt"));
        Assert.Equal(0, DevCertificatesCommand.Run(["revoke", "planning", Certs, "--reason", "superseded"]));

        Assert.Equal("CN=planning, O=EnterpriseHub", issued.Subject);
        Assert.True(File.Exists(Path.Combine(Certs, "planning.key")));
        var builder = CertificateRevocationListBuilder.LoadPem(File.ReadAllText(Path.Combine(Certs, "ca.crl")), out var number);
        Assert.Equal(2, (int)number);
        Assert.NotEqual(crlBefore, File.ReadAllText(Path.Combine(Certs, "ca.crl")));
        // The builder does not list its entries; removing one says whether it was there.
        Assert.True(builder.RemoveEntry(issued.SerialNumberBytes.Span));
    }

    [Fact]
    public void Command_WritesTheDevAuditLogKeyAndForceKeepsIt()
    {
        Assert.Equal(0, DevCertificatesCommand.Run([Certs]));
        var key = File.ReadAllText(Path.Combine(Certs, "audit-log.key"));
        var vkey = File.ReadAllText(Path.Combine(Certs, "audit-log.vkey"));

        Assert.Equal(0, DevCertificatesCommand.Run([Certs, "--force"]));

        Assert.StartsWith("PRIVATE+KEY+enterprisehub.dev/audit+", key, StringComparison.Ordinal);
        Assert.StartsWith("enterprisehub.dev/audit+", vkey, StringComparison.Ordinal);
        Assert.Equal(key, File.ReadAllText(Path.Combine(Certs, "audit-log.key")));
        Assert.Equal(vkey, File.ReadAllText(Path.Combine(Certs, "audit-log.vkey")));
    }

    [Fact]
    public void Command_IssueAnInvalidName_Fails()
    {
        DevCertificatesCommand.Run([Certs]);

        Assert.NotEqual(0, DevCertificatesCommand.Run(["issue", "Not A Code", Certs]));
        Assert.False(File.Exists(Path.Combine(Certs, "Not A Code.crt")));
    }

    [Fact]
    public async Task BuildAsync_CrlThatDoesNotParseAndCrlOfAnotherKey_ReportsBoth()
    {
        DevCertificateAuthority.Write(Certs, DevCertificateAuthority.DevIdentities);
        var garbage = Path.Combine(root, "garbage.crl");
        File.WriteAllText(garbage, "not a CRL");
        // A CA of the same name but another key: its CRL must not pass for the dev CA's.
        using var impostor = TestPki.SelfSignedCa(new X500DistinguishedName("CN=EnterpriseHub Dev Department CA, O=EnterpriseHub"));
        var forged = Path.Combine(root, "forged.crl");
        TestPki.WriteCrl(forged, impostor);

        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubFixture.StartHubAsync(
            root, Certs, demo: false, $"--Hub:Tls:CrlPaths:1={garbage}", $"--Hub:Tls:CrlPaths:2={forged}"));

        Assert.Contains(error.Problems, p => p.StartsWith("Hub:Tls:CrlPaths:1", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Hub:Tls:CrlPaths:2", StringComparison.Ordinal) && p.Contains("not signed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_CrlWithACriticalIssuingDistributionPoint_IsRefusedAsUnsupported()
    {
        DevCertificateAuthority.Write(Certs, DevCertificateAuthority.DevIdentities);
        using var ca = DevCertificateAuthority.LoadCa(Certs);
        var partial = Path.Combine(root, "partial.crl");
        File.WriteAllBytes(partial, CrlWithCriticalExtension(ca, "2.5.29.28"));

        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubFixture.StartHubAsync(
            root, Certs, demo: false, $"--Hub:Tls:CrlPaths:0={partial}"));

        Assert.Contains(error.Problems, p => p.StartsWith("Hub:Tls:CrlPaths:0", StringComparison.Ordinal)
            && p.Contains("2.5.29.28", StringComparison.Ordinal));
    }

    /// <summary>A CRL (v2, no entries) of <paramref name="ca"/> carrying one critical extension, signed by the CA.</summary>
    private static byte[] CrlWithCriticalExtension(X509Certificate2 ca, string oid)
    {
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1);
            using (tbs.PushSequence())
            {
                tbs.WriteObjectIdentifier("1.2.840.10045.4.3.2");
            }

            tbs.WriteEncodedValue(ca.SubjectName.RawData);
            tbs.WriteUtcTime(DateTimeOffset.UtcNow.AddMinutes(-1));
            tbs.WriteUtcTime(DateTimeOffset.UtcNow.AddDays(1));
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            using (tbs.PushSequence())
            using (tbs.PushSequence())
            {
                tbs.WriteObjectIdentifier(oid);
                tbs.WriteBoolean(true);
                tbs.WriteOctetString([0x30, 0x03, 0x81, 0x01, 0xFF]);
            }
        }

        var signed = tbs.Encode();
        using var key = ca.GetECDsaPrivateKey()!;
        var crl = new AsnWriter(AsnEncodingRules.DER);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(signed);
            using (crl.PushSequence())
            {
                crl.WriteObjectIdentifier("1.2.840.10045.4.3.2");
            }

            crl.WriteBitString(key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        return crl.Encode();
    }

    [Fact]
    public void DevEnterpriseUsers_Complete_WritesAUserCaTheDepartmentCaDoesNotVouchFor()
    {
        DevCertificateAuthority.Write(Certs, ["tax"]);

        DevEnterpriseUsers.Complete(Certs);

        var users = Path.Combine(Certs, DevEnterpriseUsers.FolderName);
        using var p12 = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(users, "chen-jie.p12"), DevEnterpriseUsers.Pkcs12Password);
        Assert.True(p12.HasPrivateKey);
        var subject = p12.SubjectName.EnumerateRelativeDistinguishedNames()
            .Select(rdn => (rdn.GetSingleElementType().Value, rdn.GetSingleElementValue())).ToList();
        Assert.Contains(("2.5.4.97", "NTRCN-91440115MA5HUB013L"), subject);
        Assert.Contains(("2.5.4.97", "NTRCN-91440402MA5HUB03XU"), subject);
        Assert.Contains(("2.5.4.3", "陈杰"), subject);
        Assert.Contains(("2.5.4.5", "EHU-000401"), subject);
        Assert.True(Chains(p12, Path.Combine(users, "ca.crt")));
        Assert.False(Chains(p12, Path.Combine(Certs, "ca.crt")));
        Assert.True(File.Exists(Path.Combine(Certs, "web.crt")));
        Assert.Null(DevEnterpriseUsers.Complete(Certs));
    }

    private static bool Chains(X509Certificate2 leaf, string root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(root));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(root, recursive: true);
    }
}
