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

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, text);
        }

        // Console.Out at each batch: whoever redirected it (a test, a host) gets the lines.
        Console.Out.Write(text.ToString());
        text.GetStringBuilder().Clear();
        return Task.CompletedTask;
    }
}
