using System.Net;
using System.Net.Sockets;
using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class HealthCommandTests(HubFixture hub)
{
    [Fact]
    public async Task Health_RealHubOverTls_PrintsServingTableAndExitsZero()
    {
        var result = await new CliRunner().RunAsync(["health", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SERVING", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(hub.Address.ToString(), result.Stdout, StringComparison.Ordinal);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Health_OutputJson_PrintsOneProtoJsonLine()
    {
        var result = await new CliRunner().RunAsync(["health", "--output", "json", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.JsonLines());
        Assert.Equal("SERVING", line.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_ClosedPort_ExitsThreeWithUnavailable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        string[] connect = [.. CliRunner.Connect(hub, "tax")];
        connect[1] = $"https://127.0.0.1:{port}";

        var result = await new CliRunner().RunAsync(["health", .. connect]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("UNAVAILABLE", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Theory]
    [InlineData("health", "--no-such-flag")]
    [InlineData("no-such-command")]
    [InlineData("health", "--output", "yaml")]
    [InlineData("get", "91440115MA5HUB013L", "--as-of", "yesterday")]
    [InlineData("get")]
    [InlineData("grant", "decide", "1", "--approve", "--refuse")]
    public async Task Run_UsageError_ExitsTwo(params string[] args)
    {
        var result = await new CliRunner().RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoCertificates_UsageErrorNamingEveryMissingSetting()
    {
        var result = await new CliRunner().RunAsync("health", "--hub", hub.Address.ToString());

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--ca", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--cert", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--key", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Root_DocumentsExitCodesAndPrecedence()
    {
        var result = await new CliRunner().RunAsync("--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 hub unavailable", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("HUB_ADDRESS", result.Stdout, StringComparison.Ordinal);
    }
}
