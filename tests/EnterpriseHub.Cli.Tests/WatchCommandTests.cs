using EnterpriseHub.Server.Tests;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class WatchCommandTests(HubFixture hub)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Watch_FactPublishedAfterStart_PrintedThenCtrlCEndsWithZeroAndResumePosition()
    {
        var uscc = TestData.NewUscc();
        var stdout = new WaitingWriter();
        using var stop = new CancellationTokenSource();
        var watch = new CliRunner().RunAsync(
            stdout, stop.Token, ["watch", "--uscc", uscc, "--type", "amr.abnormal_operations", "-o", "json", .. CliRunner.Read(hub, "customs")]);

        var reply = await hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Abnormal(uscc, "cli-watch-1") } });
        await stdout.WaitForAsync("cli-watch-1", Patience);
        stop.Cancel();
        var result = await watch.WaitAsync(Patience);

        Assert.True(result.ExitCode == 0, result.ToString());
        var fact = Assert.Single(result.JsonLines());
        Assert.Equal(uscc, fact.GetProperty("uscc").GetString());
        var sequence = reply.Results[0].Sequence;
        Assert.Equal(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), fact.GetProperty("sequence").GetString());
        var stopped = System.Text.Json.JsonDocument.Parse(result.Stderr.Trim()).RootElement;
        Assert.Equal(sequence, stopped.GetProperty("lastPosition").GetInt64());
    }

    [Fact]
    public async Task Watch_AfterPosition_ResumesWithTheNextFactOnly()
    {
        var uscc = TestData.NewUscc();
        var first = await hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Abnormal(uscc, "cli-watch-a") } });
        await hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Abnormal(uscc, "cli-watch-b") } });
        using var timeout = new CancellationTokenSource(Patience);

        var result = await new CliRunner().RunAsync(
            timeout.Token, ["watch", "--uscc", uscc, "--after", first.Results[0].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), "--limit", "1", .. CliRunner.Read(hub, "customs")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("cli-watch-b", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cli-watch-a", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("resume with --after", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_WithoutPurpose_UsageErrorExitTwo()
    {
        var result = await new CliRunner().RunAsync(["watch", .. CliRunner.Connect(hub, "customs")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("purpose: is required", result.Stderr, StringComparison.Ordinal);
    }
}
