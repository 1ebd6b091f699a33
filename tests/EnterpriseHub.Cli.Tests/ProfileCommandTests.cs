using System.Net;
using System.Net.Sockets;
using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class ProfileCommandTests(HubFixture hub)
{
    [Fact]
    public async Task ProfileAdd_FromFolder_FileIsOwnerOnlyAndHoldsPathsNotKeys()
    {
        var runner = new CliRunner();

        var result = await runner.RunAsync("profile", "add", "dev", "--from-folder", hub.CertsFolder, "--department", "tax", "--hub", hub.Address.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(runner.ConfigPath));
        }

        var text = await File.ReadAllTextAsync(runner.ConfigPath);
        Assert.DoesNotContain("BEGIN", text, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(hub.CertsFolder, "tax.key").Replace("\\", "\\\\", StringComparison.Ordinal), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileUse_SecondProfile_BecomesTheDefaultAndConnects()
    {
        var runner = new CliRunner();
        await runner.RunAsync("profile", "add", "broken", "--from-folder", hub.CertsFolder, "--department", "tax", "--hub", ClosedAddress());
        await runner.RunAsync("profile", "add", "good", "--from-folder", hub.CertsFolder, "--department", "tax", "--hub", hub.Address.ToString());

        var first = await runner.RunAsync("health");
        var used = await runner.RunAsync("profile", "use", "good");
        var second = await runner.RunAsync("health");
        var list = await runner.RunAsync("profile", "list", "-o", "json");

        Assert.True(first.ExitCode == 3, first.ToString());
        Assert.True(used.ExitCode == 0, used.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["good"], list.JsonLines().Where(p => p.GetProperty("default").GetBoolean()).Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ProfileRemove_Default_GoneFromListAndNamingItIsUsageError()
    {
        var runner = new CliRunner();
        await runner.RunAsync("profile", "add", "dev", "--from-folder", hub.CertsFolder, "--department", "tax", "--hub", hub.Address.ToString());

        var removed = await runner.RunAsync("profile", "remove", "dev");
        var list = await runner.RunAsync("profile", "list", "-o", "json");
        var named = await runner.RunAsync("health", "--profile", "dev");

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Empty(list.JsonLines());
        Assert.True(named.ExitCode == 2, named.ToString());
    }

    [Fact]
    public async Task ProfileAdd_MissingCertificate_UsageErrorNothingWritten()
    {
        var runner = new CliRunner();

        var result = await runner.RunAsync("profile", "add", "x", "--from-folder", hub.CertsFolder, "--department", "nobody");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.False(File.Exists(runner.ConfigPath));
    }

    [Fact]
    public async Task Connection_FlagOverEnvironment_FlagWins()
    {
        var runner = new CliRunner().With("HUB_ADDRESS", ClosedAddress());

        var result = await runner.RunAsync(["health", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Connection_EnvironmentOverProfile_EnvironmentWins()
    {
        var runner = new CliRunner();
        await runner.RunAsync("profile", "add", "dev", "--from-folder", hub.CertsFolder, "--department", "tax", "--hub", ClosedAddress());
        runner.With("HUB_ADDRESS", hub.Address.ToString());

        var result = await runner.RunAsync("health");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Connection_ProfileAlone_UsedForEverySetting()
    {
        var runner = new CliRunner();
        await runner.RunAsync("profile", "add", "dev", "--from-folder", hub.CertsFolder, "--department", "tax", "--hub", ClosedAddress());

        var result = await runner.RunAsync("health");

        Assert.True(result.ExitCode == 3, result.ToString());
    }

    [Fact]
    public async Task Connection_CertificateFlagsOverEnvironmentOverProfile_EachWinsInTurn()
    {
        // amr may publish amr.abnormal_operations, tax may not: who is calling shows in the exit code.
        var runner = new CliRunner();
        await runner.RunAsync("profile", "add", "dev", "--from-folder", hub.CertsFolder, "--department", "tax", "--hub", hub.Address.ToString());
        string[] publish(string record) =>
        [
            "publish", "--uscc", TestData.NewUscc(), "--type", "amr.abnormal_operations", "--record", record,
            "--effective-time", "2026-11-20T00:00:00Z", "--attr", "listed=true",
        ];

        var fromProfile = await runner.RunAsync(publish("cli-prec-1"));
        runner.With("HUB_CERT", Path.Combine(hub.CertsFolder, "amr.crt")).With("HUB_KEY", Path.Combine(hub.CertsFolder, "amr.key"));
        var fromEnvironment = await runner.RunAsync(publish("cli-prec-2"));
        var fromFlags = await runner.RunAsync(
            [.. publish("cli-prec-3"), "--cert", Path.Combine(hub.CertsFolder, "tax.crt"), "--key", Path.Combine(hub.CertsFolder, "tax.key")]);

        Assert.True(fromProfile.ExitCode == 1, fromProfile.ToString());
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
        Assert.True(fromFlags.ExitCode == 1, fromFlags.ToString());
        Assert.Contains("FACT_TYPE_NOT_OWNED", fromFlags.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_PurposeFlagOverProfile_FlagPurposeAudited()
    {
        var runner = new CliRunner();
        await runner.RunAsync(
            "profile", "add", "dev", "--from-folder", hub.CertsFolder, "--department", "customs", "--hub", hub.Address.ToString(),
            "--purpose", "from the profile", "--officer", "customs-0100");
        var uscc = TestData.NewUscc();
        await hub.Client("amr").Exchange.PublishFactsAsync(new V1.PublishFactsRequest { Facts = { TestData.Abnormal(uscc, "cli-purpose-1") } });

        var result = await runner.RunAsync("get", uscc, "--purpose", "from the flag");

        Assert.True(result.ExitCode == 0, result.ToString());
        var records = await hub.Client("admin").Audit.ListAccessAsync(new V1.ListAccessRequest { Uscc = uscc });
        var record = Assert.Single(records.Records, r => r.Department == "customs");
        Assert.Equal("from the flag", record.Purpose);
        Assert.Equal("customs-0100", record.OfficerId);
    }

    private static string ClosedAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"https://127.0.0.1:{port}";
    }
}
