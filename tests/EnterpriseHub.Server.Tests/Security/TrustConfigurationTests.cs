using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;

namespace EnterpriseHub.Server.Tests.Security;

/// <summary>
/// A hub trusting a bundle of two roots (a CA rolling over; the new one RSA with a DER CRL), with
/// a configured intermediate, a CRL for each CA, and client certificates chained through intermediates.
/// </summary>
public sealed class TrustConfigurationTests(TrustConfigurationTests.Pki pki) : IClassFixture<TrustConfigurationTests.Pki>
{
    [Fact]
    public async Task Call_IntermediateSentByTheClient_IsAccepted()
    {
        using var customs = TestPki.Client(pki.SentIntermediate, "customs");

        await AssertServedAsync(customs, pki.SentIntermediate);
        Assert.False((await TlsProbe.HandshakeAsync(pki.Hub.Address, customs)).Accepted, "without the intermediate the chain is partial");
    }

    [Fact]
    public async Task Call_ConfiguredIntermediateNotSent_IsAccepted()
    {
        using var hrss = TestPki.Client(pki.ConfiguredIntermediate, "hrss");

        await AssertServedAsync(hrss);
    }

    [Fact]
    public async Task Call_CertificatesOfEitherRootOfTheBundle_AreBothAccepted()
    {
        using var ca = pki.Hub.Ca();
        using var oldRoot = TestPki.Client(ca, "tax");
        using var newRoot = TestPki.Client(pki.SecondRoot, "tax");

        await AssertServedAsync(oldRoot);
        await AssertServedAsync(newRoot);
    }

    [Fact]
    public async Task Handshake_SentIntermediateWithoutAConfiguredCrl_IsRefusedAsRevocationUnknown()
    {
        using var ca = pki.Hub.Ca();
        using var unlisted = TestPki.Intermediate(ca, "Intermediate Without CRL");
        using var amr = TestPki.Client(unlisted, "amr");
        var logged = pki.Hub.Log.WaitAsync(1002, e => LogWaiter.Text(e, "Serial") == amr.SerialNumber, includePast: true);

        var result = await TlsProbe.HandshakeAsync(pki.Hub.Address, amr, unlisted);

        Assert.False(result.Accepted);
        Assert.Equal("revocation-unknown", LogWaiter.Text(await logged, "Problem"));
    }

    [Fact]
    public async Task Handshake_CertificateRevokedByItsIntermediatesCrl_IsRefused()
    {
        using var ca = pki.Hub.Ca();
        using var intermediate = TestPki.Intermediate(ca, "Intermediate That Revokes");
        using var court = TestPki.Client(intermediate, "court");
        var crl = Path.Combine(pki.Hub.Root, "revoking.crl");
        // Its CRL goes into a file the hub already reads: one file may hold several CAs' lists.
        await pki.Hub.ReloadAfterAsync(() =>
        {
            TestPki.WriteCrl(crl, intermediate, court);
            File.AppendAllText(pki.ConfiguredCrlPath, File.ReadAllText(crl));
        });
        var logged = pki.Hub.Log.WaitAsync(1002, e => LogWaiter.Text(e, "Serial") == court.SerialNumber, includePast: true);

        var result = await TlsProbe.HandshakeAsync(pki.Hub.Address, court, intermediate);

        Assert.False(result.Accepted);
        Assert.Equal("revoked", LogWaiter.Text(await logged, "Problem"));
    }

    private async Task AssertServedAsync(X509Certificate2 client, params X509Certificate2[] sent)
    {
        using var channel = TlsProbe.Channel(pki.Hub.Address, pki.Hub.CaPath, client, sent);

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    /// <summary>The hub and the CAs around it.</summary>
    public sealed class Pki : IAsyncLifetime
    {
        public SecurityHub Hub { get; private set; } = null!;

        public X509Certificate2 SentIntermediate { get; private set; } = null!;

        public X509Certificate2 ConfiguredIntermediate { get; private set; } = null!;

        public X509Certificate2 SecondRoot { get; private set; } = null!;

        public string ConfiguredCrlPath { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Hub = await SecurityHub.StartAsync(hub =>
            {
                using var ca = hub.Ca();
                SentIntermediate = TestPki.Intermediate(ca, "Sent Intermediate");
                ConfiguredIntermediate = TestPki.Intermediate(ca, "Configured Intermediate");
                SecondRoot = TestPki.SelfSignedRsaCa("EnterpriseHub Department CA 2027");
                var folder = hub.Root;
                ConfiguredCrlPath = Path.Combine(folder, "configured.crl");
                TestPki.WriteCrl(Path.Combine(folder, "sent.crl"), SentIntermediate);
                TestPki.WriteCrl(ConfiguredCrlPath, ConfiguredIntermediate);
                TestPki.WriteCrl(Path.Combine(folder, "second-root.crl"), SecondRoot, der: true);
                return
                [
                    $"--Hub:Tls:ClientCaPath={TestPki.WritePem(Path.Combine(folder, "roots.pem"), ca, SecondRoot)}",
                    $"--Hub:Tls:IntermediatesPath={TestPki.WritePem(Path.Combine(folder, "intermediates.pem"), ConfiguredIntermediate)}",
                    $"--Hub:Tls:CrlPaths:1={Path.Combine(folder, "sent.crl")}",
                    $"--Hub:Tls:CrlPaths:2={ConfiguredCrlPath}",
                    $"--Hub:Tls:CrlPaths:3={Path.Combine(folder, "second-root.crl")}",
                ];
            });
        }

        public async Task DisposeAsync()
        {
            await Hub.DisposeAsync();
            SentIntermediate.Dispose();
            ConfiguredIntermediate.Dispose();
            SecondRoot.Dispose();
        }
    }
}
