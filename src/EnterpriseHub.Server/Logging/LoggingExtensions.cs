using Serilog;

namespace EnterpriseHub.Server.Logging;

internal static class LoggingExtensions
{
    /// <summary>
    /// Serilog is the one provider: levels and sinks from the <c>Serilog</c> configuration
    /// section, the log context (caller, request id) on every event, console output written
    /// off the request path.
    /// </summary>
    public static void AddHubLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Async(sink => sink.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}")),
            // Each host keeps its own logger; the static Log.Logger is shared by every host in a process.
            preserveStaticLogger: true);
    }
}
