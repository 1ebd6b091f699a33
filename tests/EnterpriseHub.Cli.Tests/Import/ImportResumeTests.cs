using EnterpriseHub.Cli.Import;
using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests.Import;

[Collection(HubCollection.Name)]
public sealed class ImportResumeTests(HubFixture hub)
{
    [Fact]
    public async Task Import_100000FactsCancelledMidwayThenRerun_EveryFactStoredOnce()
    {
        var workspace = new ImportWorkspace(hub);
        var input = await workspace.SampleAsync("register.jsonl", 100_000, seed: 101);
        using var cancel = new CancellationTokenSource();
        void OnAcknowledged(string path, ImportCounts counts)
        {
            if (path == input && counts.Acknowledged >= 30_000)
            {
                cancel.Cancel();
            }
        }

        ImportEvents.Acknowledged += OnAcknowledged;
        CliResult first;
        try
        {
            first = await new CliRunner().RunAsync(cancel.Token, ["import", input, .. CliRunner.Connect(hub, "tax")]);
        }
        finally
        {
            ImportEvents.Acknowledged -= OnAcknowledged;
        }

        Assert.True(first.ExitCode == 130, first.ToString());
        Assert.Contains("interrupted at line", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("run the same command to resume", first.Stderr, StringComparison.Ordinal);
        var partial = await workspace.StoredAsync("sample-101-");
        Assert.InRange(partial.Count, 30_000, 99_999);

        var second = await new CliRunner().RunAsync(["import", input, "--output", "json", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("resuming", second.Stderr, StringComparison.Ordinal);
        var summary = Assert.Single(second.JsonLines());
        Assert.Equal("finished", summary.GetProperty("status").GetString());
        Assert.Equal(0, summary.GetProperty("rejected").GetInt64());
        var stored = await workspace.StoredAsync("sample-101-");
        Assert.Equal(100_000, stored.Count);
        Assert.All(stored, pair => Assert.Equal(1, pair.Value));

        var third = await new CliRunner().RunAsync(["import", input, .. CliRunner.Connect(hub, "tax")]);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("already imported", third.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RestartAfterFinished_ResendsEverythingAsDuplicates()
    {
        var workspace = new ImportWorkspace(hub);
        var input = await workspace.SampleAsync("again.jsonl", 2_500, seed: 102);
        var first = await new CliRunner().RunAsync(["import", input, .. CliRunner.Connect(hub, "tax")]);
        Assert.True(first.ExitCode == 0, first.ToString());

        var again = await new CliRunner().RunAsync(["import", input, "--restart", "--output", "json", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(again.ExitCode == 0, again.ToString());
        var summary = Assert.Single(again.JsonLines());
        Assert.Equal(0, summary.GetProperty("stored").GetInt64());
        Assert.Equal(2_500, summary.GetProperty("duplicates").GetInt64());
        Assert.Equal(2_500, (await workspace.StoredAsync("sample-102-")).Count);
    }

    [Fact]
    public async Task Import_StateOfAnotherFile_RefusedUntilRestart()
    {
        var workspace = new ImportWorkspace(hub);
        var input = await workspace.SampleAsync("swap.jsonl", 10, seed: 103);
        Assert.Equal(0, (await new CliRunner().RunAsync(["import", input, .. CliRunner.Connect(hub, "tax")])).ExitCode);
        File.WriteAllText(input, File.ReadAllText(await workspace.SampleAsync("other.jsonl", 12, seed: 104)));

        var refused = await new CliRunner().RunAsync(["import", input, .. CliRunner.Connect(hub, "tax")]);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("belongs to another file", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--restart", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(await workspace.StoredAsync("sample-104-"));

        var restarted = await new CliRunner().RunAsync(["import", input, "--restart", .. CliRunner.Connect(hub, "tax")]);
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Equal(12, (await workspace.StoredAsync("sample-104-")).Count);
    }
}
