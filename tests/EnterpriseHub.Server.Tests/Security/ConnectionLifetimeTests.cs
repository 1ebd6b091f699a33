extern alias server;

using System.Security.Cryptography.X509Certificates;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;
using Grpc.Health.V1;
using DevCertificateAuthority = server::EnterpriseHub.Server.Security.DevCertificateAuthority;

namespace EnterpriseHub.Server.Tests.Security;

/// <summary>
/// A certificate is good for as long as it is valid and not revoked, not just at the handshake;
/// the hub's own certificate can be replaced under open connections.
/// </summary>
public sealed class ConnectionLifetimeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watch_CertificateRevokedWhileTheConnectionIsOpen_ConnectionIsClosedAndReconnectRefused()
    {
        await using var hub = await SecurityHub.StartAsync();
        using var client = HubClient.Create(HubClientOptions.FromFolder(hub.Address, hub.CertsFolder, "customs"));
        using var timeout = new CancellationTokenSource(Patience);
        using var watch = client.Exchange.WatchFacts(Idle(), cancellationToken: timeout.Token);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        var closed = hub.Log.WaitAsync(1003);

        await hub.ReloadAfterAsync(() => DevCertificateAuthority.Revoke(hub.CertsFolder, "customs"));

        var error = await Assert.ThrowsAsync<RpcException>(() => DrainAsync(watch, timeout.Token));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("revoked", LogWaiter.Text(await closed, "Problem"));
        await Assert.ThrowsAsync<RpcException>(() => client.Health.CheckAsync(new HealthCheckRequest()).ResponseAsync);
    }

    [Fact]
    public async Task Watch_CertificateExpiresWhileTheConnectionIsOpen_RecheckClosesTheConnection()
    {
        await using var hub = await SecurityHub.StartAsync();
        using var ca = hub.Ca();
        using var shortLived = TestPki.Client(ca, "customs", notAfter: DateTimeOffset.UtcNow.AddSeconds(6));
        var folder = Path.Combine(hub.Root, "short-lived");
        TestPki.WriteClientFiles(folder, "customs", shortLived);
        using var client = TlsProbe.Client(hub.Address, hub.CaPath, folder, "customs");
        using var timeout = new CancellationTokenSource(Patience);
        using var watch = client.Exchange.WatchFacts(Idle(), cancellationToken: timeout.Token);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        var closed = hub.Log.WaitAsync(1003);

        var error = await Assert.ThrowsAsync<RpcException>(() => DrainAsync(watch, timeout.Token));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("expired", LogWaiter.Text(await closed, "Problem"));
        Assert.True(DateTime.UtcNow > shortLived.NotAfter.ToUniversalTime(), "closed after the certificate expired, not before");
    }

    [Fact]
    public async Task Handshake_ServerCertificateRotatedOnDisk_NewConnectionsGetItWithItsIntermediateAndOpenOnesKeepWorking()
    {
        await using var hub = await SecurityHub.StartAsync();
        using var client = HubClient.Create(HubClientOptions.FromFolder(hub.Address, hub.CertsFolder, "customs"));
        using var timeout = new CancellationTokenSource(Patience);
        using var watch = client.Exchange.WatchFacts(Idle(), cancellationToken: timeout.Token);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        using var ca = hub.Ca();
        using var intermediate = TestPki.Intermediate(ca, "Server Intermediate");
        using var rotated = TestPki.Server(intermediate);

        await hub.ReloadAfterAsync(() =>
        {
            File.WriteAllText(Path.Combine(hub.CertsFolder, "hub.key"), rotated.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            TestPki.WritePem(Path.Combine(hub.CertsFolder, "hub.crt"), rotated, intermediate);
        });
        using var tax = TestPki.Client(ca, "tax");
        var fresh = await TlsProbe.HandshakeAsync(hub.Address, tax);

        Assert.True(fresh.Accepted, fresh.Refusal?.ToString());
        Assert.Equal(rotated.SerialNumber, fresh.ServerCertificate!.SerialNumber);
        Assert.Contains(fresh.ServerSent, c => c.Thumbprint == intermediate.Thumbprint);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token), "the connection opened before the rotation still streams");
    }

    [Fact]
    public async Task Handshake_RootAddedToTheBundleWhileTheHubRuns_IsTrustedAfterTheReload()
    {
        await using var hub = await SecurityHub.StartAsync();
        using var newRoot = TestPki.SelfSignedCa("EnterpriseHub Department CA 2028");
        using var tax = TestPki.Client(newRoot, "tax");
        Assert.False((await TlsProbe.HandshakeAsync(hub.Address, tax)).Accepted);
        var crl = Path.Combine(hub.Root, "new-root.crl");
        TestPki.WriteCrl(crl, newRoot);

        await hub.ReloadAfterAsync(() =>
        {
            File.AppendAllText(hub.CaPath, newRoot.ExportCertificatePem() + "\n");
            File.AppendAllText(hub.CrlPath, File.ReadAllText(crl));
        });
        var result = await TlsProbe.HandshakeAsync(hub.Address, tax);

        Assert.True(result.Accepted, result.Refusal?.ToString());
    }

    /// <summary>A watch of a type nobody publishes: only heartbeats, every second.</summary>
    private static WatchFactsRequest Idle() => new()
    {
        FactTypes = { "customs.credit_class" }, Usccs = { "91440115MA5HUB013L" }, Purpose = "tls test", OfficerId = "officer-7",
        HeartbeatSeconds = 1,
    };

    private static async Task DrainAsync(AsyncServerStreamingCall<WatchFactsResponse> watch, CancellationToken cancellationToken)
    {
        while (await watch.ResponseStream.MoveNext(cancellationToken))
        {
        }
    }
}
