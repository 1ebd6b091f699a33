using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class PublishCommandTests(HubFixture hub)
{
    [Fact]
    public async Task Publish_FromFlags_StoredWithTypedAttributes()
    {
        var uscc = TestData.NewUscc();

        var result = await new CliRunner().RunAsync(
        [
            "publish", "--uscc", uscc, "--type", "amr.abnormal_operations", "--record", "cli-abn-1",
            "--effective-time", "2026-11-20T00:00:00Z", "--attr", "listed=true", "--attr", "reason=cannot be contacted",
            "-o", "json", .. CliRunner.Connect(hub, "amr"),
        ]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var reply = Assert.Single(result.JsonLines());
        Assert.Equal("cli-abn-1", reply.GetProperty("sourceRecordId").GetString());
        var stored = await new CliRunner().RunAsync(["get", uscc, "-o", "json", .. CliRunner.Read(hub, "tax")]);
        var fact = Assert.Single(stored.JsonLines()).GetProperty("facts")[0];
        Assert.True(fact.GetProperty("attributes").GetProperty("listed").GetBoolean());
        Assert.Equal("cannot be contacted", fact.GetProperty("attributes").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Publish_SameJsonTwice_SecondIsDuplicateWithTheSameSequence()
    {
        var json = $$"""{"uscc":"{{TestData.NewUscc()}}","factType":"amr.abnormal_operations","attributes":{"listed":true},"effectiveTime":"2026-11-20T00:00:00Z","sourceRecordId":"cli-abn-json"}""";
        var runner = new CliRunner();

        var first = await runner.RunAsync(["publish", "--json", json, "-o", "json", .. CliRunner.Connect(hub, "amr")]);
        var second = await runner.RunAsync(["publish", "--json", json, "-o", "json", .. CliRunner.Connect(hub, "amr")]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var (a, b) = (Assert.Single(first.JsonLines()), Assert.Single(second.JsonLines()));
        Assert.False(a.TryGetProperty("duplicate", out _));
        Assert.True(b.GetProperty("duplicate").GetBoolean());
        Assert.Equal(a.GetProperty("sequence").GetString(), b.GetProperty("sequence").GetString());
    }

    [Fact]
    public async Task Publish_ForeignFactType_RefusedWithReasonAndExitOne()
    {
        var result = await new CliRunner().RunAsync(
        [
            "publish", "--uscc", TestData.NewUscc(), "--type", "amr.abnormal_operations", "--record", "cli-foreign",
            "--effective-time", "2026-11-20T00:00:00Z", "--attr", "listed=true", .. CliRunner.Connect(hub, "tax"),
        ]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("PERMISSION_DENIED FACT_TYPE_NOT_OWNED", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_JsonAndFlagsTogether_UsageErrorNothingSent()
    {
        var result = await new CliRunner().RunAsync(["publish", "--json", "{}", "--uscc", "x", .. CliRunner.Connect(hub, "amr")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("not both", result.Stderr, StringComparison.Ordinal);
    }
}
