using EnterpriseHub.Server.Tests;
using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Cli.Tests.Audit;

/// <summary><c>hubctl audit checkpoint</c> and <c>prove</c> against the real hub, and the proof checked offline with its dev key.</summary>
[Collection(HubCollection.Name)]
public sealed class AuditProveCommandTests(HubFixture hub)
{
    private readonly string _folder = TestFolders.Create("prove-");

    private string HubVkey => Path.Combine(hub.CertsFolder, "audit-log.vkey");

    [Fact]
    public async Task Prove_DemoRecordAsAdmin_CheckWithTheHubsVkeyProvesIt()
    {
        await Checkpoints.CoveringAsync(hub.Client("admin"), 1);
        var file = Path.Combine(_folder, "demo-1.tlog-proof");
        var runner = new CliRunner();

        var prove = await runner.RunAsync(["audit", "prove", "1", "--out", file, .. CliRunner.Connect(hub, "admin")]);
        var check = await runner.RunAsync("audit", "check", file, "--log-key", HubVkey, "-o", "json");

        Assert.True(prove.ExitCode == 0, prove.ToString());
        Assert.Matches($"^wrote {System.Text.RegularExpressions.Regex.Escape(file)}: record 1 in the checkpoint of [0-9]+ records of enterprisehub\\.dev/audit/[0-9a-f]{{16}}$", prove.Stdout.Trim());
        Assert.True(check.ExitCode == 0, check.ToString());
        var proven = Assert.Single(check.JsonLines());
        Assert.Equal(1, proven.GetProperty("sequence").GetInt64());
        Assert.Matches("^enterprisehub\\.dev/audit/[0-9a-f]{16}$", proven.GetProperty("origin").GetString());
        Assert.StartsWith("enterprisehub.dev/audit+", proven.GetProperty("logKey").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(proven.GetProperty("caller").GetString()));
    }

    [Fact]
    public async Task Prove_ARead_TheReaderProvesItAnotherDepartmentIsRefused()
    {
        var uscc = TestData.NewUscc();
        await hub.Client("amr").Exchange.PublishFactsAsync(new V1.PublishFactsRequest { Facts = { TestData.Abnormal(uscc, $"cli-prove-{uscc}") } });
        var runner = new CliRunner();
        await runner.RunAsync(["get", uscc, "--purpose", "case 2026-prove", "--officer", "tax-0777", .. CliRunner.Connect(hub, "tax")]);
        var page = await hub.Client("admin").Audit.ListAccessAsync(new V1.ListAccessRequest { Uscc = uscc });
        var read = page.Records.Single(r => r.Department == "tax");
        await Checkpoints.CoveringAsync(hub.Client("tax"), read.Sequence);
        var file = Path.Combine(_folder, "read.tlog-proof");

        var prove = await runner.RunAsync(["audit", "prove", $"{read.Sequence}", "--out", file, .. CliRunner.Connect(hub, "tax")]);
        var check = await runner.RunAsync("audit", "check", file, "--log-key", HubVkey);
        var otherFile = Path.Combine(_folder, "not-mine.tlog-proof");
        var other = await runner.RunAsync(["audit", "prove", $"{read.Sequence}", "--out", otherFile, .. CliRunner.Connect(hub, "customs")]);

        Assert.True(prove.ExitCode == 0, prove.ToString());
        Assert.True(check.ExitCode == 0, check.ToString());
        foreach (var shown in new[] { $"record {read.Sequence} is in the log", "case 2026-prove", "tax-0777", uscc, read.RequestId, "no witness required" })
        {
            Assert.Contains(shown, check.Stdout, StringComparison.Ordinal);
        }

        Assert.True(other.ExitCode == 1, other.ToString());
        Assert.Contains("PERMISSION_DENIED RECORD_NOT_CONCERNED", other.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(otherFile));
    }

    [Fact]
    public async Task Checkpoint_WithTheHubsVkey_PrintsTheSignedNoteVerbatim()
    {
        await Checkpoints.CoveringAsync(hub.Client("court"), 1);

        var result = await new CliRunner().RunAsync(["audit", "checkpoint", "--log-key", HubVkey, .. CliRunner.Connect(hub, "court")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var (checkpoint, note, _) = Checkpoint.Open(result.Stdout, Ed25519NoteVerifier.FromVerifierKey((await File.ReadAllTextAsync(HubVkey)).Trim()));
        Assert.Equal(result.Stdout, note.Format());
        Assert.Matches("^enterprisehub\\.dev/audit/[0-9a-f]{16}$", checkpoint.Origin);
    }

    [Fact]
    public async Task Checkpoint_OtherLogKey_NotProvenNothingPrinted()
    {
        await Checkpoints.CoveringAsync(hub.Client("court"), 1);
        var other = Path.Combine(_folder, "other.vkey");
        await File.WriteAllTextAsync(other, new Ed25519NoteSigner("enterprisehub.dev/audit", Ed25519Key.Generate()).VerifierKey);

        var result = await new CliRunner().RunAsync(["audit", "checkpoint", "--log-key", other, .. CliRunner.Connect(hub, "court")]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.StartsWith("not proven: log key: ", result.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>A record newer than the hub's latest checkpoint: prove says to try again after the next one.</summary>
public sealed class AuditProveBeforeCheckpointTests : IDisposable
{
    private readonly string _root = TestFolders.Create("hub-no-checkpoint-");

    [Fact]
    public async Task Prove_RecordNewerThanTheCheckpoint_SaysTryAfterTheNextOneNoFile()
    {
        var certs = Path.Combine(_root, "certs");
        // The demo data is signed at start; the next checkpoint is an hour away.
        var (app, address) = await HubFixture.StartHubAsync(_root, certs, new HubSetup { Demo = true, Arguments = ["--Hub:Audit:CheckpointSeconds=3600"] });
        await using var _ = app;
        using var admin = Client.HubClient.Create(Client.HubClientOptions.FromFolder(address, certs, "admin"));
        using var tax = Client.HubClient.Create(Client.HubClientOptions.FromFolder(address, certs, "tax"));
        var signed = await Checkpoints.CoveringAsync(admin, 1);
        await tax.Exchange.PublishFactsAsync(new V1.PublishFactsRequest { Facts = { TestData.Grade(TestData.NewUscc(), $"cli-late-{Guid.NewGuid():N}", "A") } });
        var head = (await admin.Audit.VerifyChainAsync(new V1.VerifyChainRequest())).HeadSequence;
        var file = Path.Combine(_root, "late.tlog-proof");

        var result = await new CliRunner().RunAsync(
            "audit", "prove", $"{head}", "--out", file, "--hub", address.ToString(), "--ca", Path.Combine(certs, "ca.crt"),
            "--cert", Path.Combine(certs, "admin.crt"), "--key", Path.Combine(certs, "admin.key"));

        Assert.True(head > signed.TreeSize, $"head {head}, checkpoint {signed.TreeSize}");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(
            $"error: FAILED_PRECONDITION RECORD_NOT_IN_CHECKPOINT: record {head} is newer than the latest signed checkpoint: try again after the next checkpoint",
            result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        await app.StopAsync();
    }

    public void Dispose() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}

/// <summary><c>hubctl audit prove</c> refusals found before anything is sent.</summary>
public sealed class AuditProveOfflineTests
{
    [Fact]
    public async Task Prove_FileExists_UsageErrorNothingSentFileKept()
    {
        var folder = TestFolders.Create("prove-");
        var file = Path.Combine(folder, "kept.tlog-proof");
        await File.WriteAllTextAsync(file, "kept");

        // No certificate at all: had it tried to connect, it would name the missing files instead.
        var result = await new CliRunner().RunAsync("audit", "prove", "1", "--out", file, "--hub", "https://127.0.0.1:1");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{file} already exists; hubctl never overwrites it", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("certificate", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("kept", await File.ReadAllTextAsync(file));
    }
}
