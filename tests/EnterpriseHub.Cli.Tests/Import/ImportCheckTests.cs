using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests.Import;

[Collection(HubCollection.Name)]
public sealed class ImportCheckTests(HubFixture hub)
{
    [Fact]
    public async Task Check_FileWithProblems_ListsEveryProblemAsJsonLinesAndSendsNothing()
    {
        var workspace = new ImportWorkspace(hub);
        var lines = File.ReadAllLines(await workspace.SampleAsync("check.jsonl", 6, seed: 301));
        var broken = JsonNode.Parse(lines[2])!;
        broken["uscc"] = "bad";
        broken["attributes"]!["grade"] = "Z";
        lines[2] = broken.ToJsonString();
        lines[4] = "not json";
        var input = workspace.File("check-bad.jsonl", lines);
        var head = await workspace.HeadAsync();

        var result = await new CliRunner().RunAsync(["import", input, "--check", "--output", "json", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 4, result.ToString());
        var json = result.JsonLines();
        var problems = json.Where(j => j.TryGetProperty("line", out _)).ToList();
        Assert.Equal([3, 3, 5], problems.Select(p => p.GetProperty("line").GetInt64()));
        Assert.Equal(["uscc", "attributes.grade"], problems.Take(2).Select(p => p.GetProperty("field").GetString()));
        Assert.Equal("problems", json[^1].GetProperty("status").GetString());
        // Nothing reached the store: no fact appended by anyone, none of the good lines stored.
        Assert.Equal(head, await workspace.HeadAsync());
        Assert.Empty(await workspace.StoredAsync("sample-301-"));
        Assert.False(File.Exists(input + ".hubctl-import.json"));
    }

    [Fact]
    public async Task Check_ValidFile_ExitsZero()
    {
        var workspace = new ImportWorkspace(hub);
        var input = await workspace.SampleAsync("fine.jsonl", 50, seed: 302);

        var result = await new CliRunner().RunAsync(["import", input, "--check", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("valid", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--chunk-size", "5001")]
    [InlineData("--format", "xml")]
    public async Task Import_BadOption_ExitsTwo(string option, string value)
    {
        var workspace = new ImportWorkspace(hub);
        var input = await workspace.SampleAsync("options.jsonl", 1, seed: 303);

        var result = await new CliRunner().RunAsync(["import", input, option, value, .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public async Task Import_HubUnreachable_ExitsThree()
    {
        var workspace = new ImportWorkspace(hub);
        var input = await workspace.SampleAsync("away.jsonl", 1, seed: 304);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        string[] connect = [.. CliRunner.Connect(hub, "tax")];
        connect[1] = $"https://127.0.0.1:{port}";

        var result = await new CliRunner().RunAsync(["import", input, .. connect]);

        Assert.True(result.ExitCode == 3, result.ToString());
    }
}
