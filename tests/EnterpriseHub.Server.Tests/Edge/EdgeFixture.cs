using Serilog.Events;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>
/// A hub of its own for the edge tests, keeping every log event it writes (from Information up).
/// Each test calls as a caller of its own. Its clock is the system's: watches wait on the hub's
/// clock too (heartbeats), and these tests watch.
/// </summary>
public class EdgeFixture : HubFixture
{
    /// <summary>The event id of the hub's rate-limited warning about refused calls.</summary>
    public const int RefusedEventId = 2101;

    public EdgeFixture()
        : this(clock: null)
    {
    }

    protected EdgeFixture(Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock)
        : base(new HubSetup { Clock = clock, Log = new CapturingSink(), Arguments = ["--Serilog:MinimumLevel:Default=Information"] })
    {
    }

    public CapturingSink Sink => (CapturingSink)Setup.Log!;

    /// <summary>The warnings about refused calls of one caller.</summary>
    public IReadOnlyList<LogEvent> RefusalWarnings(string caller) =>
        Sink.WithEventId(RefusedEventId).Where(e => e.Properties["Caller"].ToString() == $"\"{caller}\"").ToList();

    /// <summary>The log holds no error, no exception (stack trace), and exactly one warning about the caller's refusals.</summary>
    public void AssertQuietLog(string caller)
    {
        Assert.DoesNotContain(Sink.Events, e => e.Level >= LogEventLevel.Error);
        Assert.DoesNotContain(Sink.Events, e => e.Exception is not null);
        Assert.Single(RefusalWarnings(caller));
        Assert.All(Sink.Events.Where(e => e.Level == LogEventLevel.Warning), e => Assert.Equal("2101", EventId(e)));
    }

    private static string EventId(LogEvent e) =>
        e.Properties.TryGetValue("EventId", out var value) && value is StructureValue s
            ? s.Properties.Single(p => p.Name == "Id").Value.ToString()
            : "none";
}

/// <summary>An edge hub whose clock only moves when a test moves it, so "one warning per caller per minute" is checked exactly.</summary>
public sealed class FakeClockEdgeFixture() : EdgeFixture(HubSetup.NewClock());
