using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace EnterpriseHub.Server.Tests;

/// <summary>Keeps every log event a hub writes, for tests that check what was logged.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>The events with the given event id (the hub's [LoggerMessage] ids).</summary>
    public IReadOnlyList<LogEvent> WithEventId(int id) =>
        _events.Where(e => e.Properties.TryGetValue("EventId", out var value)
            && value is StructureValue s && s.Properties.Any(p => p.Name == "Id" && p.Value.ToString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
