using EnterpriseHub.Server.Tests;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Tests;

[Collection(HubCollection.Name)]
public sealed class SubscriptionCommandTests(HubFixture hub)
{
    [Fact]
    public async Task Subscription_CreateReadAckList_ReadsPendingFactsThenLagIsZero()
    {
        var uscc = TestData.NewUscc();
        var published = await hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest
        {
            Facts = { TestData.Abnormal(uscc, "cli-sub-1"), TestData.Licence(uscc, "cli-sub-2") },
        });
        var before = published.Results.Min(r => r.Sequence) - 1;
        var runner = new CliRunner();
        string[] read = CliRunner.Read(hub, "customs");
        var name = "cli-" + uscc.ToLowerInvariant();

        var created = await runner.RunAsync(["subscription", "create", name, "--uscc", uscc, "--start-after", before.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "json", .. read]);
        var facts = await runner.RunAsync(["subscription", "read", name, "--ack", "-o", "json", .. read]);
        var list = await runner.RunAsync(["subscription", "list", "-o", "json", .. read]);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(name, Assert.Single(created.JsonLines()).GetProperty("name").GetString());
        Assert.True(facts.ExitCode == 0, facts.ToString());
        Assert.Equal(["cli-sub-1", "cli-sub-2"], facts.JsonLines().Select(f => f.GetProperty("sourceRecordId").GetString()));
        Assert.Contains("acknowledged", facts.Stderr, StringComparison.Ordinal);
        var mine = list.JsonLines().Single(s => s.GetProperty("name").GetString() == name);
        Assert.Equal(published.Results.Max(r => r.Sequence).ToString(System.Globalization.CultureInfo.InvariantCulture), mine.GetProperty("ackedPosition").GetString());
    }

    [Fact]
    public async Task SubscriptionAck_UnknownName_RefusedExitOne()
    {
        var result = await new CliRunner().RunAsync(["subscription", "ack", "no-such-subscription", "5", .. CliRunner.Connect(hub, "customs")]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("request id:", result.Stderr, StringComparison.Ordinal);
    }
}
