using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class CreditCommandTests(HubFixture hub)
{
    [Fact]
    public async Task CreditProfile_DemoEnterprise_ShowsLevel()
    {
        var result = await new CliRunner().RunAsync(["credit", "profile", "91440115MA5HUB013L", .. CliRunner.Read(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"level\s+│ [ABCD]", result.Stdout);
    }

    [Fact]
    public async Task CreditRisks_LimitOne_AtMostOneJsonLineAtLevelCOrWorse()
    {
        var result = await new CliRunner().RunAsync(["credit", "risks", "--min-level", "C", "--limit", "1", "-o", "json", .. CliRunner.Read(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(result.JsonLines(), e => Assert.Contains(e.GetProperty("level").GetString(), new[] { "CREDIT_LEVEL_C", "CREDIT_LEVEL_D" }));
        Assert.True(result.JsonLines().Count <= 1);
    }

    [Fact]
    public async Task CreditAlerts_LimitOne_EndsWithZeroAndResumePosition()
    {
        var uscc = TestData.NewUscc();
        await hub.Client("amr").Exchange.PublishFactsAsync(new V1.PublishFactsRequest { Facts = { TestData.Abnormal(uscc, "cli-credit-1") } });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var result = await new CliRunner().RunAsync(timeout.Token, ["credit", "alerts", "--limit", "1", "-o", "json", .. CliRunner.Read(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(result.JsonLines());
        Assert.Contains("lastPosition", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreditProfile_NotASupervisionReader_PermissionDeniedExitOne()
    {
        var result = await new CliRunner().RunAsync(["credit", "profile", "91440115MA5HUB013L", .. CliRunner.Read(hub, "hrss")]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("PERMISSION_DENIED", result.Stderr, StringComparison.Ordinal);
    }
}
