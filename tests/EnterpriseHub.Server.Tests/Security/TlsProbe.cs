using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EnterpriseHub.Client;
using Grpc.Net.Client;

namespace EnterpriseHub.Server.Tests.Security;

/// <summary>What a raw TLS handshake with the hub came to.</summary>
public sealed record ProbeResult(
    Exception? Refusal, X509Certificate2? ServerCertificate, IReadOnlyList<X509Certificate2> ServerSent, SslProtocols Protocol)
{
    public bool Accepted => Refusal is null;
}

/// <summary>Raw TLS handshakes and channels with a client certificate (and the intermediates the client sends).</summary>
public static class TlsProbe
{
    /// <summary>
    /// Completes a TLS handshake (the client accepts any server certificate and keeps it) and reads
    /// once: with TLS 1.3 the server judges the client certificate after the client's last
    /// handshake message, so a refusal may surface on the first write or read; an accepted
    /// HTTP/2 connection answers the client preface with the server's SETTINGS.
    /// </summary>
    public static Task<ProbeResult> HandshakeAsync(Uri address, X509Certificate2? client, params X509Certificate2[] sent) =>
        HandshakeAsync(address, SslProtocols.None, client, sent);

    /// <summary>As above, offering only <paramref name="protocols"/> (None: the platform's choice).</summary>
    public static async Task<ProbeResult> HandshakeAsync(
        Uri address, SslProtocols protocols, X509Certificate2? client, params X509Certificate2[] sent)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var tls = new SslStream(tcp.GetStream());
        X509Certificate2? server = null;
        var serverSent = new List<X509Certificate2>();
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = protocols,
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                ClientCertificateContext = client is null ? null : SslStreamCertificateContext.Create(client, [.. sent], offline: true),
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                {
                    server = X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData());
                    serverSent.AddRange(chain!.ChainPolicy.ExtraStore.Select(c => X509CertificateLoader.LoadCertificate(c.RawData)));
                    return true;
                },
            });
            // The HTTP/2 client preface and an empty SETTINGS frame: an accepting hub answers with its SETTINGS.
            await tls.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray().Concat(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0 }).ToArray());
            var buffer = new byte[64];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var read = await tls.ReadAsync(buffer, timeout.Token);
            return new ProbeResult(
                read == 0 ? new EndOfStreamException("the hub closed the connection") : null, server, serverSent, tls.SslProtocol);
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            return new ProbeResult(exception, server, serverSent, SslProtocols.None);
        }
    }

    /// <summary>A gRPC channel presenting <paramref name="client"/> and sending <paramref name="sent"/>, trusting <paramref name="caPath"/>.</summary>
    public static GrpcChannel Channel(Uri address, string caPath, X509Certificate2 client, params X509Certificate2[] sent)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = SslStreamCertificateContext.Create(client, [.. sent], offline: true),
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    chain.ChainPolicy.DisableCertificateDownloads = true;
                    return chain.Build(X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData()));
                },
            },
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>A hub client for NAME.crt/NAME.key in <paramref name="folder"/>, trusting the hub's CA.</summary>
    public static HubClient Client(Uri address, string caPath, string folder, string name) =>
        HubClient.Create(new HubClientOptions
        {
            Address = address,
            CaCertificatePath = caPath,
            CertificatePath = Path.Combine(folder, $"{name}.crt"),
            KeyPath = Path.Combine(folder, $"{name}.key"),
        });
}
