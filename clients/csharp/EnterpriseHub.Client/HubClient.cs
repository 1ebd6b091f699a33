using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EnterpriseHub.V1;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace EnterpriseHub.Client;

/// <summary>
/// A mutual-TLS connection to the hub with typed clients for each service. Create one per
/// process and share it: it multiplexes calls over pooled HTTP/2 connections.
/// </summary>
public sealed class HubClient : IDisposable
{
    private readonly GrpcChannel _channel;

    private HubClient(GrpcChannel channel)
    {
        _channel = channel;
        Directory = new EnterpriseDirectory.EnterpriseDirectoryClient(channel);
        Exchange = new FactExchange.FactExchangeClient(channel);
        Catalog = new Catalog.CatalogClient(channel);
        Audit = new Audit.AuditClient(channel);
        Forms = new Forms.FormsClient(channel);
        Credit = new CreditMonitor.CreditMonitorClient(channel);
        Proactive = new ProactiveService.ProactiveServiceClient(channel);
        Health = new Health.HealthClient(channel);
    }

    /// <summary>Reads enterprises and their facts.</summary>
    public EnterpriseDirectory.EnterpriseDirectoryClient Directory { get; }

    /// <summary>Publishes the department's own facts.</summary>
    public FactExchange.FactExchangeClient Exchange { get; }

    /// <summary>Fact types, schemas and grants.</summary>
    public Catalog.CatalogClient Catalog { get; }

    /// <summary>Who read an enterprise's data; audit chain verification.</summary>
    public Audit.AuditClient Audit { get; }

    /// <summary>One form for every department: prefill, submit, follow.</summary>
    public Forms.FormsClient Forms { get; }

    /// <summary>Credit levels with their reasons, risk lists, live risk alerts, objections.</summary>
    public CreditMonitor.CreditMonitorClient Credit { get; }

    /// <summary>Policies and their reach, each enterprise's inbox, the delivery stream.</summary>
    public ProactiveService.ProactiveServiceClient Proactive { get; }

    /// <summary>The standard gRPC health service.</summary>
    public Health.HealthClient Health { get; }

    /// <summary>The underlying channel, for generated clients of services not wrapped here.</summary>
    public GrpcChannel Channel => _channel;

    /// <summary>Opens a channel that presents the client certificate and trusts only the given CA.</summary>
    public static HubClient Create(HubClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientCertificate = X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath);
        var ca = X509CertificateLoader.LoadCertificateFromFile(options.CaCertificatePath);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, ca),
            },
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        var channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            DisposeHttpClient = true,
        });
        return new HubClient(channel);
    }

    /// <summary>Closes the channel and its connections.</summary>
    public void Dispose() => _channel.Dispose();

    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca)
    {
        // The name must match; the chain is checked against the hub's CA alone, never the OS store.
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
