extern alias server;

using System.Net;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using HubConfigurationException = server::EnterpriseHub.Server.Hosting.HubConfigurationException;
using HubDrain = server::EnterpriseHub.Server.Operations.HubDrain;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace EnterpriseHub.Server.Tests.Operations;

/// <summary>The operations endpoint of hubs started for one test: store outages, draining, isolation between hubs, configuration.</summary>
public sealed class OperationsHubTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string root = System.IO.Directory.CreateTempSubdirectory("hub-ops-").FullName;

    private string Certs => Path.Combine(root, "certs");

    [Fact]
    public async Task Readyz_StoreUnreachable_Returns503UntilItAnswersAgain()
    {
        var (app, _) = await HubFixture.StartHubAsync(root, Certs, demo: false);
        await using var _ = app;
        var operations = HubFixture.OperationsAddressOf(app);

        // The store stops answering the hub's queries: its table is gone behind the hub's back.
        await TestStore.ExecuteBehindTheHubAsync(root, "ALTER TABLE facts RENAME TO facts_away");
        using (var down = await Scrape.GetAsync(operations, "/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.StartsWith("Unhealthy; store:", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var live = await Scrape.GetAsync(operations, "/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await TestStore.ExecuteBehindTheHubAsync(root, "ALTER TABLE facts_away RENAME TO facts");
        using var up = await Scrape.GetAsync(operations, "/readyz");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task StopAsync_WhileDraining_NotReadyAndNotServingYetStillAnswers()
    {
        var (app, address) = await HubFixture.StartHubAsync(root, Certs, demo: false, "--Hub:Operations:DrainSeconds=5");
        await using var _ = app;
        var operations = HubFixture.OperationsAddressOf(app);
        using var client = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "customs"));
        using var timeout = new CancellationTokenSource(Patience);
        using var healthWatch = client.Health.Watch(new HealthCheckRequest { Service = "enterprisehub.v1.FactExchange" }, cancellationToken: timeout.Token);
        Assert.True(await healthWatch.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(ServingStatus.Serving, healthWatch.ResponseStream.Current.Status);
        using var factWatch = client.Exchange.WatchFacts(
            new WatchFactsRequest { FactTypes = { "customs.credit_class" }, Purpose = "ops test", OfficerId = "officer-7", HeartbeatSeconds = 1 },
            cancellationToken: timeout.Token);
        Assert.True(await factWatch.ResponseStream.MoveNext(timeout.Token));

        var stopping = app.StopAsync();
        await app.Services.GetRequiredService<HubDrain>().Draining.WaitAsync(Patience);

        using (var ready = await Scrape.GetAsync(operations, "/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("draining: the hub is stopping", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(ServingStatus.NotServing, (await client.Health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(ServingStatus.NotServing, (await client.Health.CheckAsync(new HealthCheckRequest { Service = "enterprisehub.v1.FactExchange" })).Status);
        Assert.True(await healthWatch.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(ServingStatus.NotServing, healthWatch.ResponseStream.Current.Status);
        // Still serving while balancers take it out: calls and open watches go on.
        Assert.NotEmpty((await client.Catalog.ListFactTypesAsync(new ListFactTypesRequest())).FactTypes);
        Assert.False(stopping.IsCompleted);

        // Then it stops as before: the open watch ends with UNAVAILABLE, to resume elsewhere.
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await factWatch.ResponseStream.MoveNext(timeout.Token))
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        await stopping.WaitAsync(Patience);
    }

    [Fact]
    public async Task Metrics_AnotherHubInTheProcess_ShowsOnlyItsOwnCalls()
    {
        var (quiet, _) = await HubFixture.StartHubAsync(root, Certs, demo: false);
        await using var _ = quiet;
        var otherRoot = System.IO.Directory.CreateTempSubdirectory("hub-ops-").FullName;
        var (busy, busyAddress) = await HubFixture.StartHubAsync(otherRoot, Path.Combine(otherRoot, "certs"), demo: false);
        await using (busy)
        {
            using var client = HubClient.Create(HubClientOptions.FromFolder(busyAddress, Path.Combine(otherRoot, "certs"), "tax"));
            await client.Catalog.ListFactTypesAsync(new ListFactTypesRequest());
            Assert.Contains(await Scrape.MetricsAsync(HubFixture.OperationsAddressOf(busy)), s => s.Name == "hub_calls_seconds_count");

            // Nobody called the quiet hub: any call it shows came from another hub of the process.
            Assert.DoesNotContain(await Scrape.MetricsAsync(HubFixture.OperationsAddressOf(quiet)), s => s.Name.StartsWith("hub_calls", StringComparison.Ordinal));
            await busy.StopAsync();
        }

        await quiet.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(otherRoot, recursive: true);
    }

    [Fact]
    public async Task StartHub_OperationsListenOff_HasOnlyItsTlsListener()
    {
        var (app, address) = await HubFixture.StartHubAsync(root, Certs, demo: false, "--Hub:Operations:Listen=off");
        await using var _ = app;

        Assert.Equal(address, HubFixture.GrpcAddressOf(app));
        Assert.Throws<InvalidOperationException>(() => HubFixture.OperationsAddressOf(app));
        await app.StopAsync();
    }

    [Fact]
    public async Task StartHub_OperationsMisconfigured_ReportsEveryProblem()
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubFixture.StartHubAsync(
            root, Certs, demo: false, "--Hub:Operations:Listen=nowhere", "--Hub:Operations:DrainSeconds=-1", "--Hub:Operations:OtlpEndpoint=ftp://collector"));

        Assert.Contains(error.Problems, p => p.StartsWith("Hub:Operations:Listen 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Hub:Operations:DrainSeconds", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Hub:Operations:OtlpEndpoint", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(root, recursive: true);
    }
}
