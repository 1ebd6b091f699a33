using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace EnterpriseHub.Server.Tests;

/// <summary>What one test class's hub is made of; every hub of the tests starts through <see cref="HubFixture.StartHubAsync(string, string, HubSetup, Action{Microsoft.AspNetCore.Builder.WebApplicationBuilder}?)"/>.</summary>
public sealed record HubSetup
{
    /// <summary>The deterministic demo zone (40 enterprises a zone) loaded at start; without it every fact in the log is a test's.</summary>
    public bool Demo { get; init; }

    /// <summary>Configuration after the fixture's own, as <c>--Key=value</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The hub's clock, which moves only when a test advances it (timers on it fire then too); null for the system's.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Receives every log event the hub writes at the configured levels; null to keep none.</summary>
    public ILogEventSink? Log { get; init; }

    /// <summary>A fake clock starting now, for <see cref="Clock"/>.</summary>
    public static FakeTimeProvider NewClock() => new(DateTimeOffset.UtcNow);
}
