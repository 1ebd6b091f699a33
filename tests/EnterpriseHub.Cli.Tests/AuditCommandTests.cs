using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class AuditCommandTests(HubFixture hub)
{
    [Fact]
    public async Task AuditAccess_AfterARead_ListsItWithDepartmentPurposeAndRequestId()
    {
        var uscc = TestData.NewUscc();
        await hub.Client("amr").Exchange.PublishFactsAsync(new V1.PublishFactsRequest { Facts = { TestData.Abnormal(uscc, "cli-audit-1") } });
        var runner = new CliRunner();
        await runner.RunAsync(["get", uscc, "--purpose", "audit me", "--officer", "tax-0900", .. CliRunner.Connect(hub, "tax")]);

        var result = await runner.RunAsync(["audit", "access", uscc, "-o", "json", .. CliRunner.Connect(hub, "admin")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var read = result.JsonLines().Single(r => r.GetProperty("department").GetString() == "tax");
        Assert.Equal("audit me", read.GetProperty("purpose").GetString());
        Assert.False(string.IsNullOrEmpty(read.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task AuditVerify_WholeChain_IntactExitZero()
    {
        var result = await new CliRunner().RunAsync(["audit", "verify", "-o", "json", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var reply = Assert.Single(result.JsonLines());
        Assert.True(reply.GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task AuditAccess_AsDepartment_PermissionDeniedExitOne()
    {
        var result = await new CliRunner().RunAsync(["audit", "access", "91440115MA5HUB013L", .. CliRunner.Connect(hub, "tax")]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("PERMISSION_DENIED", result.Stderr, StringComparison.Ordinal);
    }
}
