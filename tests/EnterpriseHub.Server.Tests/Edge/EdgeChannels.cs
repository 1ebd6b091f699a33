using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>Channels like an ordinary gRPC client's: one that accepts at most 8 KiB of response metadata, as grpc-go and grpc-java do by default.</summary>
internal static class EdgeChannels
{
    public static GrpcChannel WithMetadataLimit(Uri address, string certsFolder, string department, int maxResponseHeadersKiB)
    {
        var handler = Handler(certsFolder, department);
        handler.MaxResponseHeadersLength = maxResponseHeadersKiB;
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true, MaxReceiveMessageSize = 16 * 1024 * 1024 });
    }

    /// <summary>An HTTP/2 handler presenting the department's certificate and trusting only the hub's CA.</summary>
    public static SocketsHttpHandler Handler(string certsFolder, string department)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certsFolder, "ca.crt"));
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates =
                [
                    X509Certificate2.CreateFromPemFile(Path.Combine(certsFolder, $"{department}.crt"), Path.Combine(certsFolder, $"{department}.key")),
                ],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 server && chain.Build(server);
                },
            },
        };
    }
}
