using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Server.Tests.Security;

/// <summary>
/// Nothing named in a client certificate (CA issuers, OCSP, CRL distribution points) is ever
/// fetched: not by the TLS layer's own chain build, not by the hub's. Each URL points at a
/// local server that counts requests.
/// </summary>
public sealed class NoDownloadTests(SecurityHubFixture fixture) : IClassFixture<SecurityHubFixture>, IAsyncLifetime
{
    private UrlCounter counter = null!;

    private SecurityHub Hub => fixture.Hub;

    public async Task InitializeAsync() => counter = await UrlCounter.StartAsync();

    public async Task DisposeAsync() => await counter.DisposeAsync();

    [Fact]
    public async Task Handshake_ForeignCertificateWithAiaAndCdp_IsRefusedWithoutAnyRequest()
    {
        using var foreignCa = TestPki.SelfSignedCa("Mallory CA");
        using var mallory = TestPki.Client(foreignCa, "tax", extensions: TestPki.PointingAt(counter.Address));

        var first = await TlsProbe.HandshakeAsync(Hub.Address, mallory);
        var second = await TlsProbe.HandshakeAsync(Hub.Address, mallory);

        Assert.False(first.Accepted);
        Assert.False(second.Accepted);
        Assert.Equal(0, counter.Count);
        AssertANaiveChainBuildWouldFetch(mallory);
    }

    [Fact]
    public async Task Handshake_DepartmentIntermediateNotSentWithAia_IsRefusedWithoutAnyRequest()
    {
        using var ca = Hub.Ca();
        using var intermediate = TestPki.Intermediate(ca, "Unsent Intermediate");
        using var tax = TestPki.Client(intermediate, "tax", extensions: TestPki.PointingAt(counter.Address));

        var result = await TlsProbe.HandshakeAsync(Hub.Address, tax);

        Assert.False(result.Accepted);
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task Handshake_DepartmentCertificateWithAiaAndCdp_IsAcceptedWithoutAnyRequest()
    {
        using var ca = Hub.Ca();
        using var tax = TestPki.Client(ca, "tax", extensions: TestPki.PointingAt(counter.Address));

        var result = await TlsProbe.HandshakeAsync(Hub.Address, tax);

        Assert.True(result.Accepted, result.Refusal?.ToString());
        Assert.Equal(0, counter.Count);
    }

    /// <summary>The control: the counter does count, and the platform's default chain build would have called it.</summary>
    private void AssertANaiveChainBuildWouldFetch(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.UrlRetrievalTimeout = TimeSpan.FromSeconds(5);
        chain.Build(certificate);

        Assert.True(counter.Count > 0, "a chain build with downloads enabled fetches the issuer named in the AIA extension");
    }
}
