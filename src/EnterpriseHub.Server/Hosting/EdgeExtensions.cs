using EnterpriseHub.Server.Errors;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Hosting;

/// <summary>
/// Limits and guards at the edge of the hub. Kestrel treats request headers over its limits as
/// an HTTP/2 connection error: the caller's whole connection closes (UNAVAILABLE, which invites a
/// retry) with every other stream on it, an open WatchFacts among them. So Kestrel's limits are
/// set far above the hub's own (<see cref="MaxMetadataBytes"/>, <see cref="MaxMetadataEntries"/>),
/// and the hub refuses a call over its own limits alone, with RESOURCE_EXHAUSTED, leaving the
/// connection and its other streams alive.
/// </summary>
internal static class EdgeExtensions
{
    /// <summary>The metadata one call may carry, counted as HTTP/2 counts a header list.</summary>
    public const int MaxMetadataBytes = 16 * 1024;

    /// <summary>The metadata entries one call may carry (Kestrel's own default).</summary>
    public const int MaxMetadataEntries = 100;

    /// <summary>Kestrel's limits: headers beyond these still close the connection.</summary>
    public const int KestrelMaxHeaderBytes = 256 * 1024;

    public const int KestrelMaxHeaderCount = 1000;

    public static void AddHubEdge(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelMaxHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = KestrelMaxHeaderCount;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = KestrelMaxHeaderBytes;
            SetConnectionLimits(kestrel.Limits, kestrel.ApplicationServices.GetRequiredService<IOptions<EdgeLimitOptions>>().Value);
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<EdgeRefusals>();
        builder.Services.AddOptions<GrpcServiceOptions>().Configure<EdgeRefusals>((grpc, refusals) =>
        {
            // Runs after grpc-dotnet's own set-up has filled in its providers (gzip, deflate).
            var providers = grpc.CompressionProviders.ToList();
            grpc.CompressionProviders.Clear();
            foreach (var provider in providers)
            {
                grpc.CompressionProviders.Add(new GuardedCompressionProvider(provider, refusals, grpc.MaxReceiveMessageSize ?? int.MaxValue));
            }
        });

        // Bind every service through the guarded binder instead of grpc-dotnet's own, never both
        // (the same routes twice would make every call ambiguous).
        var binder = builder.Services.SingleOrDefault(d => !d.IsKeyedService && d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType is { Name: "BinderServiceMethodProvider`1" })
            ?? throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider is not registered; call AddHubEdge after AddGrpc.");
        builder.Services.Remove(binder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>)));
    }

    /// <summary>
    /// Kestrel's connection limits, set on purpose rather than left to its defaults (docs/quotas.md):
    /// a bound on connections and on streams per connection; pings, so that a client gone without a
    /// word (a cut network) frees its connection and its quota's stream slots within
    /// delay + timeout instead of holding them until TCP gives up; an idle timeout; a request
    /// headers timeout shorter than Kestrel's 30 s. gRPC needs no HTTP upgrades (WebSockets), so
    /// none are allowed. The data rates stay at Kestrel's 240 bytes/s after a 5 s grace, stated
    /// here. For request bodies grpc-dotnet lifts the rate on client and duplex streams (a publish
    /// stream may rightly pause for minutes), so it holds for unary and server-streaming calls,
    /// whose one request message a healthy client sends at once. The response rate is timed only
    /// while the hub's writes to the socket are pending, so an idle watch is untouched, but a
    /// client that stops reading its socket while the hub has data for it is cut off instead of
    /// holding buffers.
    /// </summary>
    private static void SetConnectionLimits(KestrelServerLimits limits, EdgeLimitOptions options)
    {
        limits.MaxConcurrentConnections = options.MaxConnections;
        limits.MaxConcurrentUpgradedConnections = 0;
        limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
        limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelaySeconds == 0
            ? TimeSpan.MaxValue
            : TimeSpan.FromSeconds(options.KeepAlivePingDelaySeconds);
        limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(options.KeepAlivePingTimeoutSeconds);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(options.IdleTimeoutSeconds);
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(options.RequestHeadersTimeoutSeconds);
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
    }

    public static void UseHubEdge(this WebApplication app) => app.UseMiddleware<CallEdgeMiddleware>();
}
