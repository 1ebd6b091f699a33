using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>The page's logs: structured, with the person's id and the request id, never payloads, names or query strings.</summary>
[Collection(WebCollection.Name)]
public sealed class LoggingTests(WebFixture web)
{
    [Fact]
    public async Task Request_Logged_CarriesThePersonAndTheRequestIdAndNoPayload()
    {
        var sink = new CapturingSink();
        await using var app = await web.StartWebAsync(
            web.Hub.Address.ToString(), builder => builder.Services.AddSingleton<ILogEventSink>(sink), "--Serilog:MinimumLevel:Default=Information");
        var (main, signIn) = WebFixture.AddressesOf(app);
        using var client = web.Browser(web.UserCertificate("li-na"), main: main);
        (await client.GetAsync(signIn)).EnsureSuccessStatusCode();

        using var response = await client.GetAsync("/data?asOf=2026-11-30");
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        await app.StopAsync();

        var line = Assert.Single(sink.Events, e => e.Properties.TryGetValue("RequestId", out var id) && id.ToString() == $"\"{requestId}\""
            && e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal));
        Assert.Equal("\"EHU-000101\"", line.Properties["Person"].ToString());
        Assert.StartsWith("HTTP \"GET\" \"/data\" responded 200 in ", line.RenderMessage(), StringComparison.Ordinal);
        var everything = string.Join('\n', sink.Events.Select(e => e.RenderMessage() + " " + string.Join(' ', e.Properties.Values)));
        Assert.DoesNotContain("2026-11-30", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(WebFixture.NameA, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("李娜", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("营业执照", everything, StringComparison.Ordinal);
    }

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyList<LogEvent> Events => [.. _events];

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
    }
}
