using System.Diagnostics.Metrics;
using EnterpriseHub.Core.Operations;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EnterpriseHub.Server.Operations;

internal static class TelemetryExtensions
{
    /// <summary>
    /// Metrics of every instrument on the <see cref="HubMetrics.MeterName"/> meter (the hub's own,
    /// the quota refusals among them) and the runtime's, for <c>/metrics</c>; traces over OTLP/HTTP
    /// when an endpoint is configured: ASP.NET Core's span of each call (grpc-dotnet tags it with
    /// the method and status) and the hub's own spans.
    /// </summary>
    public static void AddHubTelemetry(this WebApplicationBuilder builder, OperationsOptions options)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("enterprisehub"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HubMetrics.MeterName, "System.Runtime");
                // A MeterProvider listens to every meter of that name in the process. Several hubs
                // in one process (the tests) each have their own IMeterFactory: export only this
                // host's instruments, so one hub's /metrics never shows another's calls.
                ((IDeferredMeterProviderBuilder)metrics).Configure((provider, deferred) =>
                {
                    var own = provider.GetRequiredService<IMeterFactory>();
                    deferred.AddView(instrument => instrument.Meter.Name == HubMetrics.MeterName && !ReferenceEquals(instrument.Meter.Scope, own)
                        ? MetricStreamConfiguration.Drop
                        : null);
                });
                metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            });

        if (options.OtlpUri is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(HubTracing.SourceName)
                .AddAspNetCoreInstrumentation(aspnet =>
                {
                    // Probes and scrapes are no calls; the hub's spans stay about its gRPC traffic.
                    aspnet.Filter = http => !OperationsListener.IsOperationsPath(http.Request.Path);
                })
                .AddOtlpExporter(otlp =>
                {
                    otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                    otlp.Endpoint = new Uri(endpoint, "v1/traces");
                }));
        }
    }
}
