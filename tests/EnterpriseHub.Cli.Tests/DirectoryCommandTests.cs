using System.Net;
using System.Net.Sockets;
using EnterpriseHub.Client;
using EnterpriseHub.Server.Tests;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class DirectoryCommandTests(HubFixture hub)
{
    private const string Nansha = "91440115MA5HUB013L";

    [Fact]
    public async Task Get_DemoEnterprise_TableShowsDepartmentTimesSharingAndWithheldTypes()
    {
        var result = await new CliRunner().RunAsync(["get", Nansha, .. CliRunner.Read(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var licence = result.Stdout.Split('\n').Single(line => line.Contains("amr.business_license", StringComparison.Ordinal));
        Assert.Contains("│ amr ", licence, StringComparison.Ordinal);
        Assert.Contains("unconditional", licence, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", licence);
        Assert.Contains("conditional", result.Stdout.Split('\n').Single(line => line.Contains("tax.credit_grade", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("withheld: hrss.insured_headcount", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OutputJsonWithTypeFilter_OneProtoJsonLineWithOnlyThatType()
    {
        var result = await new CliRunner().RunAsync(["get", Nansha, "--type", "tax.credit_grade", "-o", "json", .. CliRunner.Read(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var enterprise = Enterprise.Parser.ParseJson(Assert.Single(result.JsonLines()).GetRawText());
        Assert.Equal(Nansha, enterprise.Uscc);
        Assert.Equal("tax.credit_grade", Assert.Single(enterprise.Facts).FactType);
    }

    [Fact]
    public async Task Get_WithoutPurposeOrOfficer_RefusedLocallyWithTheHubsWordsAndNothingSent()
    {
        // What the hub itself answers to a read without purpose and officer: the words to match.
        var theHubSays = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory
            .GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = Nansha }).ResponseAsync);
        Assert.Equal(2, theHubSays.FieldViolations().Count);
        // The hub does not audit a read it refuses for want of a purpose, so a listener stands in
        // for it: a command that sent anything would connect to it.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            string[] connect = [.. CliRunner.Connect(hub, "tax")];
            connect[1] = $"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

            var result = await new CliRunner().RunAsync(["get", Nansha, .. connect]);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Empty(result.Stdout);
            foreach (var violation in theHubSays.FieldViolations())
            {
                Assert.Contains($"{violation.Field}: {violation.Description}", result.Stderr, StringComparison.Ordinal);
            }

            Assert.False(listener.Pending());
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Get_PurposeFromProfile_ReadIsAuditedWithIt()
    {
        var runner = new CliRunner();
        var added = await runner.RunAsync(
            "profile", "add", "reader", "--from-folder", hub.CertsFolder, "--department", "customs",
            "--hub", hub.Address.ToString(), "--purpose", "profile purpose 7", "--officer", "customs-0777");
        Assert.True(added.ExitCode == 0, added.ToString());

        var result = await runner.RunAsync("get", Nansha, "--type", "amr.business_license");

        Assert.True(result.ExitCode == 0, result.ToString());
        var records = await hub.Client("admin").Audit.ListAccessAllAsync(new ListAccessRequest { Uscc = Nansha }).ToListAsync();
        Assert.Contains(records, r => r.Purpose == "profile purpose 7" && r.OfficerId == "customs-0777" && r.Department == "customs");
    }

    [Fact]
    public async Task Get_BadCheckCharacter_PrintsStatusReasonViolationAndRequestIdAndExitsOne()
    {
        var result = await new CliRunner().RunAsync(["get", "91440115MA5HUB013X", .. CliRunner.Read(hub, "tax")]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("INVALID_ARGUMENT INVALID_FIELDS", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("  uscc: check character", result.Stderr, StringComparison.Ordinal);
        Assert.Matches("request id: [0-9a-f]{32}", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Get_BadCheckCharacterOutputJson_ErrorIsOneJsonObjectOnStderr()
    {
        var result = await new CliRunner().RunAsync(["get", "91440115MA5HUB013X", "-o", "json", .. CliRunner.Read(hub, "tax")]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        var error = System.Text.Json.JsonDocument.Parse(result.Stderr.Trim()).RootElement;
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.Equal("INVALID_FIELDS", error.GetProperty("reason").GetString());
        Assert.Equal("uscc", error.GetProperty("fieldViolations")[0].GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task Search_LimitTwo_StopsAfterTwoJsonLines()
    {
        var result = await new CliRunner().RunAsync(["search", "--zone", "hengqin", "--limit", "2", "-o", "json", .. CliRunner.Read(hub, "hrss")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.JsonLines();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Equal("hengqin", line.GetProperty("zone").GetString()));
    }

    [Fact]
    public async Task Search_SmallPages_PagesThroughEveryEnterpriseOfTheZone()
    {
        var expected = await hub.Client("hrss").Directory
            .SearchEnterprisesAllAsync(new SearchEnterprisesRequest { Zone = "nansha", PageSize = 500, Purpose = "cli test", OfficerId = "hrss-1" }).CountAsync();

        var result = await new CliRunner().RunAsync(["search", "--zone", "nansha", "--page-size", "7", "-o", "json", .. CliRunner.Read(hub, "hrss")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.JsonLines().Count);
        Assert.True(expected > 20);
    }

    [Fact]
    public async Task History_NewVersionPublished_ListsBothNewestFirst()
    {
        var uscc = TestData.NewUscc();
        await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Grade(uscc, "cli-grade-1", "B") } });
        await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Grade(uscc, "cli-grade-2", "A") } });

        var result = await new CliRunner().RunAsync(["history", uscc, "--type", "tax.credit_grade", "-o", "json", .. CliRunner.Read(hub, "tax")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["cli-grade-2", "cli-grade-1"], result.JsonLines().Select(l => l.GetProperty("sourceRecordId").GetString()));
    }
}
