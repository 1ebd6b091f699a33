using Serilog;
using Serilog.Configuration;
using Serilog.Formatting.Display;

namespace EnterpriseHub.Server.Logging;

internal static class LoggingExtensions
{
    private const string OutputTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>
    /// A line reaches the console within 50 ms; under load a batch holds what queued while the last
    /// was written. Past 10,000 waiting events new ones are dropped rather than slowing the calls.
    /// </summary>
    private static readonly BatchingOptions Batches = new()
    {
        BatchSizeLimit = 1_000, BufferingTimeLimit = TimeSpan.FromMilliseconds(50), QueueLimit = 10_000, EagerlyEmitFirstEvent = true,
    };

    /// <summary>
    /// Serilog is the one provider: levels and sinks from the <c>Serilog</c> configuration
    /// section, the log context (caller, request id) on every event, console output written
    /// off the request path in batches.
    /// </summary>
    public static void AddHubLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new BatchedConsoleSink(new MessageTemplateTextFormatter(OutputTemplate)), Batches),
            // Each host keeps its own logger; the static Log.Logger is shared by every host in a process.
            preserveStaticLogger: true);
    }
}
