using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Serilog.Events;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>
/// A hub of its own for the edge tests, keeping every log event it writes (from Information up).
/// Each test calls as a caller of its own.
/// </summary>
public class EdgeFixture() : OwnHubFixture(demo: false)
{
    /// <summary>The event id of the hub's rate-limited warning about refused calls.</summary>
    public const int RefusedEventId = 2101;

    public CapturingSink Sink { get; } = new();

    /// <summary>The hub's clock when <see cref="UsesFakeClock"/>; otherwise not the hub's.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Whether the hub's clock moves only when a test moves it (watches wait on it too, so not by default).</summary>
    protected virtual bool UsesFakeClock => false;

    protected override string[] Arguments => ["--Serilog:MinimumLevel:Default=Information"];

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

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ILogEventSink>(Sink);
        if (UsesFakeClock)
        {
            builder.Services.AddSingleton<TimeProvider>(Clock);
        }
    }
}

/// <summary>An edge hub whose clock only moves when a test moves it, so "one warning per caller per minute" is checked exactly.</summary>
public sealed class FakeClockEdgeFixture : EdgeFixture
{
    protected override bool UsesFakeClock => true;
}
