using EnterpriseHub.Server.Errors;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    public static void UseHubEdge(this WebApplication app) => app.UseMiddleware<CallEdgeMiddleware>();
}
