namespace EnterpriseHub.Cli.Tests.Audit;

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
