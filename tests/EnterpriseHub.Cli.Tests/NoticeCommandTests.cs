using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class NoticeCommandTests(HubFixture hub)
{
    [Fact]
    public async Task NoticePreview_ZoneCondition_CountsAndSamplesThatZone()
    {
        var result = await new CliRunner().RunAsync(["notice", "preview", "zone == \"hengqin\"", "--sample", "3", "-o", "json", .. CliRunner.Read(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var reply = Assert.Single(result.JsonLines());
        Assert.True(long.Parse(reply.GetProperty("count").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.All(reply.GetProperty("sample").EnumerateArray(), e => Assert.Equal("hengqin", e.GetProperty("zone").GetString()));
    }

    [Fact]
    public async Task NoticePublish_ThenPolicies_ListsIt()
    {
        var runner = new CliRunner();
        string[] tax = CliRunner.Connect(hub, "tax");

        var published = await runner.RunAsync(
        [
            "notice", "publish", "cli-policy-1", "--title", "Export tax rebate", "--body", "Apply before the end of the quarter.",
            "--condition", "zone == \"nansha\"", "--from", "2026-01-01T00:00:00Z", "--until", "2030-01-01T00:00:00Z", .. tax,
        ]);
        var policies = await runner.RunAsync(["notice", "policies", "-o", "json", .. tax]);

        Assert.True(published.ExitCode == 0, published.ToString());
        Assert.Contains("cli-policy-1", published.Stdout, StringComparison.Ordinal);
        Assert.Contains(policies.JsonLines(), p => p.GetProperty("policyId").GetString() == "cli-policy-1");
    }

    [Fact]
    public async Task NoticeList_AsPortalForAPerson_ExitZero()
    {
        var result = await new CliRunner().RunAsync(
            ["notice", "list", "91440115MA5HUB013L", "--officer", "EHU-000101", "-o", "json", .. CliRunner.Connect(hub, "portal")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        _ = result.JsonLines();
    }

    [Fact]
    public async Task NoticeList_AsPortalWithoutAPerson_RefusedNamingOfficerId()
    {
        var result = await new CliRunner().RunAsync(["notice", "list", "91440115MA5HUB013L", "-o", "json", .. CliRunner.Connect(hub, "portal")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("officer_id", result.Stderr, StringComparison.Ordinal);
    }
}
