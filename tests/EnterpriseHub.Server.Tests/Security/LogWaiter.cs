using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace EnterpriseHub.Server.Tests.Security;

/// <summary>A log sink a test can wait on: completes when an event with a given id (and shape) is written.</summary>
public sealed class LogWaiter : ILogEventSink
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<LogEvent> events = new();
    private readonly ConcurrentDictionary<Waiter, byte> waiters = new();

    public IReadOnlyCollection<LogEvent> Events => events;

    public void Emit(LogEvent logEvent)
    {
        events.Enqueue(logEvent);
        foreach (var waiter in waiters.Keys.Where(w => w.Matches(logEvent)))
        {
            waiter.Done.TrySetResult(logEvent);
            waiters.TryRemove(waiter, out _);
        }
    }

    /// <summary>Events with the hub's [LoggerMessage] id.</summary>
    public IReadOnlyList<LogEvent> WithEventId(int id) => events.Where(e => IdOf(e) == id).ToList();

    /// <summary>
    /// The first event with <paramref name="id"/> matching <paramref name="match"/> written after this
    /// call (register before causing it), or, with <paramref name="includePast"/>, one already written.
    /// </summary>
    public async Task<LogEvent> WaitAsync(int id, Func<LogEvent, bool>? match = null, bool includePast = false)
    {
        var waiter = new Waiter(id, match ?? (_ => true));
        waiters[waiter] = 0;
        if (includePast && events.FirstOrDefault(waiter.Matches) is { } past)
        {
            waiters.TryRemove(waiter, out _);
            return past;
        }

        try
        {
            return await waiter.Done.Task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No log event {id} within {Patience}; saw: "
                + string.Join(" | ", events.Select(e => IdOf(e) + " " + e.RenderMessage(CultureInfo.InvariantCulture))));
        }
    }

    /// <summary>A property's value as text, without the quotes Serilog puts around strings.</summary>
    public static string Text(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: { } v }
            ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""
            : "";

    private static int IdOf(LogEvent e) =>
        e.Properties.TryGetValue("EventId", out var value) && value is StructureValue s
        && s.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int id } ? id : -1;

    private sealed class Waiter(int id, Func<LogEvent, bool> match)
    {
        public TaskCompletionSource<LogEvent> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Matches(LogEvent e) => IdOf(e) == id && match(e);
    }
}
