using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class GrantCommandTests(HubFixture hub)
{
    [Fact]
    public async Task Grant_RequestListDecideRevoke_EachStepShowsTheGrantsState()
    {
        var runner = new CliRunner();
        string[] court = CliRunner.Connect(hub, "court");
        string[] hrss = CliRunner.Connect(hub, "hrss");

        var requested = await runner.RunAsync(
        [
            "grant", "request", "hrss.insured_headcount", "--purpose", "enforcement checks", "--legal-basis", "Civil Procedure Law art. 255",
            "--until", "2030-12-31T00:00:00Z", "-o", "json", .. court,
        ]);
        Assert.True(requested.ExitCode == 0, requested.ToString());
        var id = Assert.Single(requested.JsonLines()).GetProperty("id").GetString()!;

        var pending = await runner.RunAsync(["grant", "list", "--state", "pending", "-o", "json", .. hrss]);
        var approved = await runner.RunAsync(["grant", "decide", id, "--approve", "--reason", "lawful", "-o", "json", .. hrss]);
        var revoked = await runner.RunAsync(["grant", "revoke", id, "--reason", "case closed", "-o", "json", .. hrss]);

        Assert.Contains(pending.JsonLines(), g => g.GetProperty("id").GetString() == id && g.GetProperty("state").GetString() == "GRANT_STATE_PENDING");
        Assert.Equal("GRANT_STATE_APPROVED", Assert.Single(approved.JsonLines()).GetProperty("state").GetString());
        Assert.Equal("GRANT_STATE_REVOKED", Assert.Single(revoked.JsonLines()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task GrantDecide_NeitherApproveNorRefuse_UsageErrorExitTwo()
    {
        var result = await new CliRunner().RunAsync(["grant", "decide", "1", .. CliRunner.Connect(hub, "hrss")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--approve", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantRequest_NoLegalBasis_RefusedWithTheFieldViolationExitOne()
    {
        var result = await new CliRunner().RunAsync(
            ["grant", "request", "hrss.insured_headcount", "--purpose", "x", "--until", "2030-12-31T00:00:00Z", .. CliRunner.Connect(hub, "court")]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("  legal_basis: ", result.Stderr, StringComparison.Ordinal);
    }
}
