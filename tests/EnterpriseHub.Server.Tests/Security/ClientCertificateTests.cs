extern alias server;

using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Serilog.Events;

namespace EnterpriseHub.Server.Tests.Security;

/// <summary>Who a client certificate is, and whether it is still good: each refusal with its logged reason.</summary>
public sealed class ClientCertificateTests(SecurityHubFixture fixture) : IClassFixture<SecurityHubFixture>
{
    private SecurityHub Hub => fixture.Hub;

    [Fact]
    public async Task Handshake_FreshCertificateOfAKnownDepartment_IsAccepted()
    {
        using var ca = Hub.Ca();
        using var tax = TestPki.Client(ca, "tax");

        var result = await TlsProbe.HandshakeAsync(Hub.Address, tax);

        Assert.True(result.Accepted, result.Refusal?.ToString());
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Handshake_Tls12OrTls13Client_IsAcceptedWithThatProtocol(SslProtocols protocol)
    {
        using var ca = Hub.Ca();
        using var tax = TestPki.Client(ca, "tax");

        var result = await TlsProbe.HandshakeAsync(Hub.Address, protocol, tax);

        Assert.True(result.Accepted, result.Refusal?.ToString());
        Assert.Equal(protocol, result.Protocol);
    }

    [Fact]
    public async Task Handshake_UnknownCnFromTheDepartmentCa_IsRefusedAsUnknownIdentity()
    {
        using var ca = Hub.Ca();
        using var mallory = TestPki.Client(ca, "mallory");

        var refusal = await RefusalAsync(mallory);

        Assert.Equal("unknown-identity", LogWaiter.Text(refusal, "Problem"));
        Assert.Contains("mallory", LogWaiter.Text(refusal, "Subject"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handshake_SubjectWithTwoCns_IsRefusedAsAmbiguousSubject()
    {
        using var ca = Hub.Ca();
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName("mallory");
        subject.AddCommonName("admin");
        using var twoNames = TestPki.Client(ca, subject.Build());

        var refusal = await RefusalAsync(twoNames);

        Assert.Equal("subject", LogWaiter.Text(refusal, "Problem"));
        Assert.Contains("2 CNs", LogWaiter.Text(refusal, "Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handshake_ExpiredCertificate_IsRefusedAsExpired()
    {
        using var ca = Hub.Ca();
        var from = new DateTimeOffset(ca.NotBefore.ToUniversalTime());
        using var expired = TestPki.Client(ca, "tax", notBefore: from, notAfter: from.AddSeconds(30));

        var refusal = await RefusalAsync(expired);

        Assert.Equal("expired", LogWaiter.Text(refusal, "Problem"));
    }

    [Fact]
    public async Task Handshake_NotYetValidCertificate_IsRefusedAsNotYetValid()
    {
        using var ca = Hub.Ca();
        using var early = TestPki.Client(ca, "tax", notBefore: DateTimeOffset.UtcNow.AddDays(1), notAfter: DateTimeOffset.UtcNow.AddDays(2));

        var refusal = await RefusalAsync(early);

        Assert.Equal("not-yet-valid", LogWaiter.Text(refusal, "Problem"));
    }

    [Fact]
    public async Task Handshake_CertificateWithoutClientAuthUsage_IsRefusedAsNoClientAuth()
    {
        using var ca = Hub.Ca();
        using var serverOnly = TestPki.Client(ca, "tax", usage: new Oid("1.3.6.1.5.5.7.3.1"));

        var refusal = await RefusalAsync(serverOnly);

        Assert.Equal("no-client-auth", LogWaiter.Text(refusal, "Problem"));
    }

    [Fact]
    public async Task Handshake_NoCertificate_IsLoggedAsMissingNotAsRefused()
    {
        var missing = Hub.Log.WaitAsync(1001);
        var rejectedBefore = Hub.Log.WithEventId(1002).Count;

        var result = await TlsProbe.HandshakeAsync(Hub.Address, client: null);

        Assert.False(result.Accepted);
        await missing;
        Assert.Equal(rejectedBefore, Hub.Log.WithEventId(1002).Count);
    }

    [Fact]
    public async Task Handshake_CertificateFromAnotherCa_IsRefusedAsUntrusted()
    {
        using var foreignCa = TestPki.SelfSignedCa("EnterpriseHub Dev Department CA");
        using var tax = TestPki.Client(foreignCa, "tax");

        var refusal = await RefusalAsync(tax);

        Assert.Equal("untrusted", LogWaiter.Text(refusal, "Problem"));
    }

    [Fact]
    public async Task Handshake_CertificateRevokedWhileTheHubRuns_IsRefusedOnceTheCrlReloads()
    {
        using var ca = Hub.Ca();
        using var court = TestPki.Client(ca, "court");
        Assert.True((await TlsProbe.HandshakeAsync(Hub.Address, court)).Accepted);
        TestPki.WriteClientFiles(Hub.CertsFolder, "court", court);

        await Hub.ReloadAfterAsync(() => server::EnterpriseHub.Server.Security.DevCertificateAuthority.Revoke(Hub.CertsFolder, "court"));
        var refusal = await RefusalAsync(court);

        Assert.Equal("revoked", LogWaiter.Text(refusal, "Problem"));
        Assert.Equal(court.SerialNumber, LogWaiter.Text(refusal, "Serial"));
        Assert.Contains("KeyCompromise", LogWaiter.Text(refusal, "Reason"), StringComparison.Ordinal);
    }

    /// <summary>Handshakes with <paramref name="certificate"/>, asserts the hub refused it and returns the refusal's log line.</summary>
    private async Task<LogEvent> RefusalAsync(X509Certificate2 certificate)
    {
        var logged = Hub.Log.WaitAsync(1002, e => LogWaiter.Text(e, "Serial") == certificate.SerialNumber, includePast: true);

        var result = await TlsProbe.HandshakeAsync(Hub.Address, certificate);

        Assert.False(result.Accepted, "the hub accepted " + certificate.Subject);
        return await logged;
    }
}
