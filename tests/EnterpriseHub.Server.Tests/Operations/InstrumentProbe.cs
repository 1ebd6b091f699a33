using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests.Operations;

/// <summary>
/// Tells a test when one hub recorded a measurement on one of its instruments, so it scrapes
/// after the fact instead of polling. Listens to that hub's meters alone (its IMeterFactory),
/// and keeps the sum of what it heard, for counters.
/// </summary>
internal sealed class InstrumentProbe : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<double, IReadOnlyDictionary<string, string>, bool> wanted;
    private double total;

    public InstrumentProbe(IServiceProvider hub, string instrument, Func<long, bool> wanted)
        : this(hub, instrument, (value, _) => wanted((long)value))
    {
    }

    /// <param name="wanted">Whether a measurement (its value, its tags) is the one the test waits for.</param>
    public InstrumentProbe(IServiceProvider hub, string instrument, Func<double, IReadOnlyDictionary<string, string>, bool> wanted)
    {
        this.wanted = wanted;
        var meters = hub.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (published, l) =>
        {
            if (ReferenceEquals(published.Meter.Scope, meters) && published.Name == instrument)
            {
                l.EnableMeasurementEvents(published);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Heard(value, tags));
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Heard(value, tags));
        listener.Start();
    }

    public Task Seen => seen.Task;

    /// <summary>The sum of every measurement heard since the probe started.</summary>
    public double Total
    {
        get
        {
            lock (listener)
            {
                return total;
            }
        }
    }

    public void Dispose() => listener.Dispose();

    private void Heard(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            named[tag.Key] = tag.Value?.ToString() ?? "";
        }

        lock (listener)
        {
            total += value;
        }

        if (wanted(value, named))
        {
            seen.TrySetResult();
        }
    }
}
