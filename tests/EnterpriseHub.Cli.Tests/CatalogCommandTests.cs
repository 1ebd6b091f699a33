using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class CatalogCommandTests(HubFixture hub)
{
    [Fact]
    public async Task CatalogTypes_OutputJson_EveryTypeOneLineWithOwnerAndSharing()
    {
        var result = await new CliRunner().RunAsync(["catalog", "types", "-o", "json", .. CliRunner.Connect(hub, "customs")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var licence = result.JsonLines().Single(t => t.GetProperty("name").GetString() == "amr.business_license");
        Assert.Equal("amr", licence.GetProperty("owner").GetString());
        Assert.Equal("SHARING_CLASS_UNCONDITIONAL", licence.GetProperty("sharing").GetString());
    }

    [Fact]
    public async Task CatalogReadable_Table_ShowsOwnedAndConditionalWithheld()
    {
        var result = await new CliRunner().RunAsync(["catalog", "readable", .. CliRunner.Connect(hub, "customs")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("customs.credit_class", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("amr.business_license", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("hrss.insured_headcount", result.Stdout, StringComparison.Ordinal);
    }
}
