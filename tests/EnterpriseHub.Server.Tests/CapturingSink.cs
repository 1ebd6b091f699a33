using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace EnterpriseHub.Server.Tests;

/// <summary>Keeps every log event a hub writes, for tests that check what was logged.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();
    private readonly List<(Func<CapturingSink, bool> Condition, TaskCompletionSource Met)> _waiters = [];

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition(this)).ToList())
            {
                waiter.Met.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes once <paramref name="condition"/> holds for the events logged so far; fails after <paramref name="timeout"/>.</summary>
    public Task WaitForAsync(Func<CapturingSink, bool> condition, TimeSpan timeout)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, met));
        }

        return met.Task.WaitAsync(timeout);
    }

    /// <summary>The events with the given event id (the hub's [LoggerMessage] ids).</summary>
    public IReadOnlyList<LogEvent> WithEventId(int id) =>
        _events.Where(e => e.Properties.TryGetValue("EventId", out var value)
            && value is StructureValue s && s.Properties.Any(p => p.Name == "Id" && p.Value.ToString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
