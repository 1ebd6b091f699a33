using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests.Operations;

/// <summary>
/// Tells a test when one hub recorded a measurement on one of its instruments, so it scrapes
/// after the fact instead of polling. Listens to that hub's meters alone (its IMeterFactory).
/// </summary>
internal sealed class InstrumentProbe : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InstrumentProbe(IServiceProvider hub, string instrument, Func<long, bool> wanted)
    {
        var meters = hub.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (published, l) =>
        {
            if (ReferenceEquals(published.Meter.Scope, meters) && published.Name == instrument)
            {
                l.EnableMeasurementEvents(published);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            if (wanted(value))
            {
                seen.TrySetResult();
            }
        });
        listener.Start();
    }

    public Task Seen => seen.Task;

    public void Dispose() => listener.Dispose();
}
