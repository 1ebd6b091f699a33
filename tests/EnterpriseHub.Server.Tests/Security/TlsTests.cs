using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using EnterpriseHub.Core.Audit;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests.Security;

[Collection(HubCollection.Name)]
public sealed class TlsTests(HubFixture hub)
{
    [Fact]
    public async Task Handshake_WithoutClientCertificate_IsRefused()
    {
        var refusal = await HandshakeAndReadAsync(clientCertificate: null);

        Assert.NotNull(refusal);
    }

    [Fact]
    public async Task Handshake_WithCertificateFromAnotherCa_IsRefused()
    {
        var foreign = hub.WriteForeignPki();
        using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(foreign, "tax.crt"), Path.Combine(foreign, "tax.key"));

        var refusal = await HandshakeAndReadAsync(certificate);

        Assert.NotNull(refusal);
    }

    [Fact]
    public async Task Call_WithCertificateFromAnotherCa_NeverReachesAHandler()
    {
        var foreign = hub.WriteForeignPki();
        using var client = HubClient.Create(new HubClientOptions
        {
            Address = hub.Address,
            CaCertificatePath = Path.Combine(hub.CertsFolder, "ca.crt"),
            CertificatePath = Path.Combine(foreign, "tax.crt"),
            KeyPath = Path.Combine(foreign, "tax.key"),
        });

        var audit = hub.Services.GetRequiredService<IAuditStore>();
        var before = audit.Head.Sequence;

        var error = await Assert.ThrowsAsync<RpcException>(() => client.Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = "91440115MA5HUB013L", Purpose = "test", OfficerId = "officer-7" }).ResponseAsync);

        // Under TLS 1.3 the refusal reaches the client either inside its handshake (Internal) or as
        // the connection closing right after it (Unavailable); either way no handler ran, so the
        // read left no audit record.
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.Equal(before, audit.Head.Sequence);
    }

    [Fact]
    public async Task Client_ServerCertificateFromAnotherCa_IsNotTrusted()
    {
        var foreign = hub.WriteForeignPki();
        using var client = HubClient.Create(new HubClientOptions
        {
            Address = hub.Address,
            CaCertificatePath = Path.Combine(foreign, "ca.crt"),
            CertificatePath = Path.Combine(hub.CertsFolder, "tax.crt"),
            KeyPath = Path.Combine(hub.CertsFolder, "tax.key"),
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = "91440115MA5HUB013L", Purpose = "test", OfficerId = "officer-7" }).ResponseAsync);

        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.Status.DebugException?.InnerException);
    }

    /// <summary>
    /// Completes a raw TLS handshake (the client trusts the hub) and reads once. With TLS 1.3
    /// the server judges the client certificate after the client's last handshake message, so
    /// the refusal may surface on the first read rather than in AuthenticateAsClientAsync.
    /// Returns the exception that ended the session, or null if the hub accepted it.
    /// </summary>
    private async Task<Exception?> HandshakeAndReadAsync(X509Certificate2? clientCertificate)
    {
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(hub.CertsFolder, "ca.crt"));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(hub.Address.Host, hub.Address.Port);
        await using var tls = new SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });
            var buffer = new byte[64];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var read = await tls.ReadAsync(buffer, timeout.Token);
            return read == 0 ? new EndOfStreamException("the hub closed the connection") : null;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            return exception;
        }
    }
}
