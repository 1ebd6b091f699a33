using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace EnterpriseHub.Server.Logging;

/// <summary>
/// Console output off the request path, the events that queued meanwhile written as one: a console
/// sink writes and flushes every event, a system call for every request logged.
/// </summary>
internal sealed class BatchedConsoleSink(ITextFormatter formatter) : IBatchedLogEventSink
{
    private readonly StringWriter text = new(new StringBuilder(64 * 1024));

    /// <summary>A batch whose write failed comes again whole, so the text starts empty each time.</summary>
    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        text.GetStringBuilder().Clear();
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, text);
        }

        // Console.Out at each batch: whoever redirected it (a test, a host) gets the lines.
        Console.Out.Write(text.ToString());
        return Task.CompletedTask;
    }
}
