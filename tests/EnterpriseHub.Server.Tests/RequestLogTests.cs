using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace EnterpriseHub.Server.Tests;

public sealed class RequestLogTests : IDisposable
{
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("hub-logs-").FullName;
    private readonly CapturingSink _sink = new();

    [Fact]
    public async Task Publish_WritesOneRequestLogWithCallerRequestIdCorrelationIdAndNoPayload()
    {
        var certs = Path.Combine(_root, "certs");
        var (app, address) = await HubFixture.StartHubAsync(
            _root, certs, demo: false, builder => builder.Services.AddSingleton<ILogEventSink>(_sink),
            "--Serilog:MinimumLevel:Default=Information");
        await using var _ = app;
        using var client = HubClient.Create(HubClientOptions.FromFolder(address, certs, "amr"));
        var uscc = TestData.NewUscc();
        var draft = TestData.Licence(uscc, "log-secret-record", name: "SECRET-PAYLOAD-7731");

        await client.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } }, new Metadata { { "x-request-id", "log-test-1" } });
        await app.StopAsync();

        var request = Assert.Single(_sink.Events, e => e.Properties.TryGetValue("Method", out var m)
            && m.ToString() == "\"/enterprisehub.v1.FactExchange/PublishFacts\"");
        Assert.Equal("\"amr\"", request.Properties["Caller"].ToString());
        Assert.Equal("\"log-test-1\"", request.Properties["CorrelationId"].ToString());
        Assert.NotEqual("\"log-test-1\"", request.Properties["RequestId"].ToString());
        Assert.Equal("OK", request.Properties["StatusCode"].ToString());
        Assert.True(request.Properties.ContainsKey("ElapsedMs"));
        foreach (var logEvent in _sink.Events)
        {
            var text = logEvent.RenderMessage() + string.Join(" ", logEvent.Properties.Values) + logEvent.Exception;
            Assert.DoesNotContain("SECRET-PAYLOAD-7731", text, StringComparison.Ordinal);
            Assert.DoesNotContain(uscc, text, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PortalCall_NamesThePersonOnItsRequestLogButNeverAMalformedOne()
    {
        var certs = Path.Combine(_root, "certs");
        var (app, address) = await HubFixture.StartHubAsync(
            _root, certs, demo: true, builder => builder.Services.AddSingleton<ILogEventSink>(_sink),
            "--Serilog:MinimumLevel:Default=Information");
        await using var _ = app;
        using var portal = HubClient.Create(HubClientOptions.FromFolder(address, certs, "portal"));
        const string uscc = "91440115MA5HUB013L";

        await portal.Audit.ListAccessAsync(new ListAccessRequest { Uscc = uscc, ActingFor = uscc, OfficerId = "EHU-000101" });
        await portal.Audit.ListAccessAsync(new ListAccessRequest { Uscc = uscc, ActingFor = uscc, OfficerId = "forged\nOfficer=x" });
        await app.StopAsync();

        var requests = _sink.Events.Where(e => e.Properties.TryGetValue("Method", out var m)
            && m.ToString() == "\"/enterprisehub.v1.Audit/ListAccess\"").ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal("\"EHU-000101\"", requests[0].Properties["Officer"].ToString());
        Assert.False(requests[1].Properties.ContainsKey("Officer"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_root, recursive: true);
    }
}
