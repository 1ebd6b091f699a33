using EnterpriseHub.Client;
using EnterpriseHub.Core.Proactive;
using EnterpriseHub.V1;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests.Proactive;

/// <summary>A hub stopped and started again on the same store delivers nothing twice.</summary>
public sealed class ProactiveRestartTests : IDisposable
{
    private readonly string root = System.IO.Directory.CreateTempSubdirectory("hub-proactive-").FullName;

    [Fact]
    public async Task Restart_AfterANoticeWasDelivered_DeliversItNotAgain()
    {
        var certs = Path.Combine(root, "certs");
        var uscc = TestData.NewUscc();
        const string Key = "policy:hrss:restart-check";
        var (app, address) = await HubFixture.StartHubAsync(root, certs, demo: false);
        await using (app)
        {
            using var amr = HubClient.Create(HubClientOptions.FromFolder(address, certs, "amr"));
            using var hrss = HubClient.Create(HubClientOptions.FromFolder(address, certs, "hrss"));
            await amr.Exchange.PublishFactsAsync(new PublishFactsRequest
            {
                Facts = { ProactiveFixture.Licence(uscc, "T99", DateTimeOffset.UtcNow.AddYears(3)) },
            });
            await hrss.Proactive.PublishPolicyAsync(ProactiveFixture.PolicyAt("restart-check", "industry == \"T99\"", DateTimeOffset.UtcNow));
            await ProactiveFixture.PoliciesMatchedAsync(app.Services, 1);
            Assert.Single(await DeliveredAsync(app.Services, Key));
            await app.StopAsync();
        }

        var (again, newAddress) = await HubFixture.StartHubAsync(root, certs, demo: false);
        await using (again)
        {
            // A new fact about the enterprise makes the restarted matcher match it against the policy again.
            using var amr = HubClient.Create(HubClientOptions.FromFolder(newAddress, certs, "amr"));
            var renewed = await amr.Exchange.PublishFactsAsync(new PublishFactsRequest
            {
                Facts = { ProactiveFixture.Licence(uscc, "T99", DateTimeOffset.UtcNow.AddYears(4)) },
            });
            await ProactiveFixture.FactsMatchedAsync(again.Services, renewed.Results[0].Sequence);

            Assert.Single(await DeliveredAsync(again.Services, Key));
            await again.StopAsync();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(root, recursive: true);
    }

    private static async Task<List<Core.Proactive.Notice>> DeliveredAsync(IServiceProvider services, string key) =>
        [.. (await services.GetRequiredService<INoticeStore>().ReadNoticesAsync(0, 10_000, CancellationToken.None)).Where(n => n.Key == key)];
}
