using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EnterpriseHub.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
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

    private HubClient(GrpcChannel channel, CallInvoker invoker)
    {
        _channel = channel;
        CallInvoker = invoker;
        Directory = new EnterpriseDirectory.EnterpriseDirectoryClient(invoker);
        Exchange = new FactExchange.FactExchangeClient(invoker);
        Catalog = new Catalog.CatalogClient(invoker);
        Audit = new Audit.AuditClient(invoker);
        Forms = new Forms.FormsClient(invoker);
        Credit = new CreditMonitor.CreditMonitorClient(invoker);
        Proactive = new ProactiveService.ProactiveServiceClient(invoker);
        Health = new Health.HealthClient(invoker);
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

    /// <summary>
    /// The underlying channel. Clients made on it directly get the retry policy but neither the
    /// request ids nor the default deadline: build them on <see cref="CallInvoker"/> for those.
    /// </summary>
    public GrpcChannel Channel => _channel;

    /// <summary>The channel with the client's request ids and default deadline, for other generated clients.</summary>
    public CallInvoker CallInvoker { get; }

    /// <summary>
    /// Opens a channel that presents the client certificate and trusts only the given CA, retries
    /// what is safe to retry, and gives every call a request id and unary calls a default deadline.
    /// </summary>
    /// <exception cref="ArgumentException">The options have problems; the message lists them all.</exception>
    public static HubClient Create(HubClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        // Files and text end up the same way: PEM text read once, the key kept with the certificate.
        var clientCertificate = X509Certificate2.CreateFromPem(
            options.CertificatePem ?? File.ReadAllText(options.CertificatePath!),
            options.KeyPem ?? File.ReadAllText(options.KeyPath!));
        var ca = options.CaCertificatePem is { } caPem
            ? X509Certificate2.CreateFromPem(caPem)
            : X509CertificateLoader.LoadCertificateFromFile(options.CaCertificatePath!);
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
            ServiceConfig = options.Retry?.ToServiceConfig(),
        });
        // The interceptor added last runs first: the client's sets the headers, then the caller's see them.
        var invoker = channel.Intercept([.. options.Interceptors]).Intercept(new HubCallInterceptor(options.RequestIdFactory, options.DefaultDeadline, options.TimeProvider));
        return new HubClient(channel, invoker);
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
