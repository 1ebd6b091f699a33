using EnterpriseHub.Core.Operations;
using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseHub.Server.Operations;

internal static class OperationsExtensions
{
    /// <summary>The services whose gRPC health is reported one by one (besides "" for the whole hub).</summary>
    private static readonly string[] HealthServices =
    [
        V1.EnterpriseDirectory.Descriptor.FullName, V1.FactExchange.Descriptor.FullName, V1.Catalog.Descriptor.FullName,
        V1.Audit.Descriptor.FullName, V1.Forms.Descriptor.FullName, V1.CreditMonitor.Descriptor.FullName,
        V1.ProactiveService.Descriptor.FullName,
    ];

    /// <summary>
    /// Puts <see cref="DrainingPublisher"/> around the publisher that Grpc.AspNetCore.HealthChecks
    /// registered (with the store's check, before this): both the periodic publisher and
    /// <see cref="HubDrain"/> reach it through the one <see cref="IHealthCheckPublisher"/> registration.
    /// </summary>
    private static void DecorateGrpcHealthPublisher(IServiceCollection services)
    {
        var grpc = services.Single(d => d.ServiceType == typeof(IHealthCheckPublisher) && d.ImplementationType?.Assembly == typeof(GrpcHealthChecksOptions).Assembly);
        services.Remove(grpc);
        services.AddSingleton<IHealthCheckPublisher>(provider => new DrainingPublisher(
            (IHealthCheckPublisher)ActivatorUtilities.CreateInstance(provider, grpc.ImplementationType!), provider.GetRequiredService<DrainSignal>()));
    }

    /// <summary>
    /// The operations listener (plain HTTP/1.1, no client certificate), readiness and draining,
    /// the hub's metrics and traces (<see cref="TelemetryExtensions"/>).
    /// </summary>
    public static void AddHubOperations(this WebApplicationBuilder builder, OperationsOptions options)
    {
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<OperationsListener>();
        services.AddSingleton<HubMetrics>();
        services.AddSingleton<DrainSignal>();
        services.AddSingleton<HubDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<HubDrain>());
        services.AddSingleton<ProjectionLag>();
        services.AddHostedService(provider => provider.GetRequiredService<ProjectionLag>());

        // Every check answers readiness and every service's gRPC health: the store (registered
        // with the store), the catalog, and draining.
        services.AddHealthChecks()
            .AddCheck<CatalogHealthCheck>("catalog")
            .AddCheck<DrainingHealthCheck>(DrainingHealthCheck.Name);
        DecorateGrpcHealthPublisher(services);
        services.Configure<HealthCheckServiceOptions>(checks =>
        {
            foreach (var check in checks.Registrations.Where(r => r.Name == "store"))
            {
                check.Timeout = TimeSpan.FromMilliseconds(options.StoreTimeoutMilliseconds);
            }
        });
        services.Configure<GrpcHealthChecksOptions>(health =>
        {
            health.Services.Clear();
            health.Services.Map("", _ => true);
            foreach (var service in HealthServices)
            {
                health.Services.Map(service, _ => true);
            }
        });
        builder.AddHubTelemetry(options);

        if (options.Enabled)
        {
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                var listener = kestrel.ApplicationServices.GetRequiredService<OperationsListener>();
                kestrel.Listen(options.ListenEndPoint, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    listener.Bind(listen);
                });
            });
        }
    }

    /// <summary>First in the pipeline: what may pass on which port (<see cref="OperationsListener.GuardAsync"/>).</summary>
    public static void UseHubOperations(this WebApplication app)
    {
        var listener = app.Services.GetRequiredService<OperationsListener>();
        app.Use((http, next) => listener.GuardAsync(http, next));
    }

    public static void MapHubOperations(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<OperationsOptions>().Enabled)
        {
            return;
        }

        app.MapHealthChecks(OperationsListener.HealthPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(OperationsListener.ReadyPath, new HealthCheckOptions { ResponseWriter = WriteAsync });
        app.MapPrometheusScrapingEndpoint(OperationsListener.MetricsPath);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var port = app.Services.GetRequiredService<OperationsListener>().Port;
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                .FirstOrDefault(a => port is { } p && a.StartsWith("http://", StringComparison.Ordinal) && a.EndsWith(":" + p, StringComparison.Ordinal));
            OperationsLog.Listening(app.Logger, address ?? "(unknown)");
        });
    }

    /// <summary>One short line: the verdict, then each failing check and why (never an exception's text).</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Status.ToString()}");
        return http.Response.WriteAsync(string.Join("; ", failing.Prepend(report.Status.ToString())) + "\n");
    }
}
