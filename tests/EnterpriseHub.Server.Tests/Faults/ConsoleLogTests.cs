using Grpc.Core;
using Grpc.Health.V1;

namespace EnterpriseHub.Server.Tests.Faults;

/// <summary>The real hub's request log on its stdout, which operators' collectors read.</summary>
public sealed class ConsoleLogTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hub-console-").FullName;

    [Fact]
    public async Task Calls_HubStoppedRightAfter_EveryCallHasOneLineWithItsCallerAndRequestIds()
    {
        await using var hub = await HubProcess.StartAsync(_root, "--Serilog:MinimumLevel:Default=Information", "--Hub:Operations:DrainSeconds=0");
        var client = hub.Client("tax");
        // Within the probe quota's burst of 200.
        var ids = Enumerable.Range(0, 120).Select(i => $"console-{i}").ToList();

        await Task.WhenAll(ids.Select(id => client.Health.CheckAsync(new HealthCheckRequest(), new Metadata { { "x-request-id", id } }).ResponseAsync));
        await hub.StopAsync(TimeSpan.FromSeconds(30));

        var lines = hub.Log.Split('\n');
        foreach (var id in ids)
        {
            var line = Assert.Single(lines, l => l.Contains($"\"CorrelationId\":\"{id}\"", StringComparison.Ordinal));
            Assert.Contains("/grpc.health.v1.Health/Check by tax finished \"OK\"", line, StringComparison.Ordinal);
            Assert.Contains("\"RequestId\":\"", line, StringComparison.Ordinal);
            Assert.StartsWith("[", line, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
