using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using EnterpriseHub.Client;
using EnterpriseHub.Server.Tests.Edge;
using EnterpriseHub.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests.Operations;

/// <summary>A hub of its own, so that what its /metrics shows comes from these tests alone.</summary>
public sealed class OperationsFixture() : HubFixture(new HubSetup());

/// <summary>The operations endpoint over the real host: probes, metrics after real gRPC calls, and what answers on which port.</summary>
public sealed class OperationsEndpointTests(OperationsFixture hub) : IClassFixture<OperationsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string GetEnterprise = "/enterprisehub.v1.EnterpriseDirectory/GetEnterprise";

    [Fact]
    public async Task Healthz_ProcessLives_Returns200()
    {
        using var response = await Scrape.GetAsync(hub.OperationsAddress, "/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_StoreAnswersAndCatalogLoaded_Returns200()
    {
        using var response = await Scrape.GetAsync(hub.OperationsAddress, "/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Metrics_AfterGrpcCalls_ShowsEachByMethodCodeAndCallerKind()
    {
        (string, string)[] found = [("method", GetEnterprise), ("code", "OK"), ("caller_kind", "department"), ("caller", "tax")];
        (string, string)[] missing = [("method", GetEnterprise), ("code", "NOT_FOUND"), ("caller_kind", "department"), ("caller", "court")];
        var before = await Scrape.MetricsAsync(hub.OperationsAddress);
        var (uscc, _) = await PublishAsync(1);
        await hub.Client("tax").Directory.GetEnterpriseAsync(Read(uscc));
        await Assert.ThrowsAsync<RpcException>(async () => await hub.Client("court").Directory.GetEnterpriseAsync(Read(TestData.NewUscc())));

        var after = await Scrape.MetricsAsync(hub.OperationsAddress);

        Assert.Equal(before.Sum("hub_calls_seconds_count", found) + 1, after.Sum("hub_calls_seconds_count", found));
        Assert.Equal(before.Sum("hub_calls_seconds_count", missing) + 1, after.Sum("hub_calls_seconds_count", missing));
        Assert.True(after.Sum("hub_calls_seconds_sum", found) > 0);
        Assert.Contains(after, s => s.Name == "hub_calls_seconds_bucket" && s.Has("code", "NOT_FOUND") && s.Has("le", "+Inf"));
    }

    [Fact]
    public async Task Metrics_AfterAPublishAndAnAuditedRead_CountsFactsAndAuditCommits()
    {
        var before = await Scrape.MetricsAsync(hub.OperationsAddress);
        var (uscc, _) = await PublishAsync(3);
        await hub.Client("tax").Directory.GetEnterpriseAsync(Read(uscc));

        var after = await Scrape.MetricsAsync(hub.OperationsAddress);

        Assert.Equal(
            before.Sum("hub_facts_published_total", ("fact_type", "tax.credit_grade")) + 3,
            after.Sum("hub_facts_published_total", ("fact_type", "tax.credit_grade")));
        Assert.True(after.Sum("hub_audit_commit_size_count") > before.Sum("hub_audit_commit_size_count"));
        Assert.True(after.Sum("hub_audit_commit_size_sum") > before.Sum("hub_audit_commit_size_sum"));
        Assert.True(after.Sum("hub_audit_commit_wait_seconds_count") > before.Sum("hub_audit_commit_wait_seconds_count"));
    }

    [Fact]
    public async Task Metrics_EnterpriseChangedThenReadTwice_MissesAfterTheChangeThenHits()
    {
        var before = await Scrape.MetricsAsync(hub.OperationsAddress);
        // A projection may read the changed enterprise too: let them first.
        var (uscc, sequence) = await PublishAsync(1);
        await ProjectionWait.BothAppliedAsync(hub.Services, sequence, Patience);

        await hub.Client("tax").Directory.GetEnterpriseAsync(Read(uscc));
        var first = await Scrape.MetricsAsync(hub.OperationsAddress);
        await hub.Client("tax").Directory.GetEnterpriseAsync(Read(uscc));
        var after = await Scrape.MetricsAsync(hub.OperationsAddress);

        // The change gave the enterprise a new cache version: its first read after the change missed
        // (a projection's, when one reads the enterprise's fact types, or else the first lookup's), the later ones hit.
        Assert.True(first.Sum("hub_cache_misses_total", ("reason", "absent")) > before.Sum("hub_cache_misses_total", ("reason", "absent")));
        Assert.Equal(first.Sum("hub_cache_hits_total") + 1, after.Sum("hub_cache_hits_total"));
        Assert.Equal(first.Sum("hub_cache_misses_total"), after.Sum("hub_cache_misses_total"));
    }

    [Fact]
    public async Task Metrics_ProjectionsLeadingHere_ReportTheirLagAndPosition()
    {
        var (_, sequence) = await PublishAsync(1);
        await ProjectionWait.BothAppliedAsync(hub.Services, sequence, Patience);

        var after = await Scrape.MetricsAsync(hub.OperationsAddress);

        Assert.Contains(after, s => s.Name == "hub_projection_lag" && s.Has("projection", "credit") && s.Value >= 0);
        Assert.Contains(after, s => s.Name == "hub_projection_lag" && s.Has("projection", "notices") && s.Value >= 0);
        Assert.Contains(after, s => s.Name == "hub_projection_position" && s.Has("projection", "credit") && s.Value >= sequence);
        Assert.Contains(after, s => s.Name == "hub_projection_position" && s.Has("projection", "notices") && s.Value >= sequence);
        Assert.Contains(after, s => s.Name == "hub_projection_position" && s.Has("projection", "notices.policies"));
        Assert.Contains(after, s => s.Name == "hub_notices_reminders_swept_seconds" && s.Value > 0);
    }

    [Fact]
    public async Task Metrics_SubscriptionBehindTheLog_ReportsItsDepartmentsLag()
    {
        var hrss = hub.Client("hrss");
        await hrss.Exchange.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "ops-lag", FactTypes = { "hrss.insured_headcount" }, Purpose = "ops test", OfficerId = "officer-7", StartAfterSequence = 0,
        });
        // The lag is read when the feed wakes: a publish wakes it, and the gauge is observed at a scrape.
        await PublishAsync(1);

        var after = await SubscriptionLagAsync("hrss");

        Assert.True(after >= 1, $"lag {after}");
    }

    [Fact]
    public async Task Metrics_WatchFactsOpenThenClosed_OpenWatchesRiseAndFall()
    {
        const string watchFacts = "/enterprisehub.v1.FactExchange/WatchFacts";
        var before = (await Scrape.MetricsAsync(hub.OperationsAddress)).Sum("hub_watches_open", ("method", watchFacts));
        using var closed = new InstrumentProbe(hub.Services, "hub.watches.open", value => value < 0);
        using (var timeout = new CancellationTokenSource(Patience))
        using (var call = hub.Client("customs").Exchange.WatchFacts(
                   new WatchFactsRequest { FactTypes = { "customs.credit_class" }, Purpose = "ops test", OfficerId = "officer-7", HeartbeatSeconds = 1 },
                   cancellationToken: timeout.Token))
        {
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token));

            var during = await Scrape.MetricsAsync(hub.OperationsAddress);
            Assert.Equal(before + 1, during.Sum("hub_watches_open", ("method", watchFacts)));
            // The heartbeat it received was counted as an event it sent.
            Assert.True(during.Sum("hub_watch_events_total", ("method", watchFacts)) >= 1);
        }

        await closed.Seen.WaitAsync(Patience);
        Assert.Equal(before, (await Scrape.MetricsAsync(hub.OperationsAddress)).Sum("hub_watches_open", ("method", watchFacts)));
    }

    [Fact]
    public async Task Metrics_AnyInstrumentOfTheHubMeter_ReachesMetrics()
    {
        // As another part of the hub makes its own (the quota refusals): a meter of that name from the host's factory.
        var meter = hub.Services.GetRequiredService<IMeterFactory>().Create("EnterpriseHub");
        var counter = meter.CreateCounter<long>("hub.ops_test.probes");
        counter.Add(3, new KeyValuePair<string, object?>("caller", "tax"));

        var after = await Scrape.MetricsAsync(hub.OperationsAddress);

        Assert.Equal(3, after.Sum("hub_ops_test_probes_total", ("caller", "tax")));
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/metrics/extra")]
    [InlineData("POST", "/metrics")]
    [InlineData("POST", GetEnterprise)]
    public async Task OperationsPort_AnythingButAProbe_Returns404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(hub.OperationsAddress, path));
        if (method == "POST")
        {
            request.Content = new ByteArrayContent([0, 0, 0, 0, 0]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        }

        using var http = new HttpClient();
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OperationsPort_GrpcClient_IsRefused()
    {
        using var channel = GrpcChannel.ForAddress(hub.OperationsAddress);
        var health = new Health.HealthClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.Add(Patience)));

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    public async Task TlsPort_OperationsPath_IsNotServed(string path)
    {
        using var http = new HttpClient(EdgeChannels.Handler(hub.CertsFolder, "tax"));
        using var plain = new HttpRequestMessage(HttpMethod.Get, new Uri(hub.Address, path)) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var grpc = new HttpRequestMessage(HttpMethod.Post, new Uri(hub.Address, path))
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        grpc.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        grpc.Headers.TryAddWithoutValidation("te", "trailers");

        using var plainResponse = await http.SendAsync(plain);
        using var grpcResponse = await http.SendAsync(grpc);

        Assert.Equal(HttpStatusCode.NotFound, plainResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, grpcResponse.StatusCode);
        Assert.Equal(((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture), grpcResponse.Headers.GetValues("grpc-status").Single());
        Assert.DoesNotContain("hub_", await grpcResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("enterprisehub.v1.EnterpriseDirectory")]
    [InlineData("enterprisehub.v1.FactExchange")]
    [InlineData("enterprisehub.v1.Catalog")]
    [InlineData("enterprisehub.v1.Audit")]
    [InlineData("enterprisehub.v1.Forms")]
    [InlineData("enterprisehub.v1.CreditMonitor")]
    [InlineData("enterprisehub.v1.ProactiveService")]
    public async Task GrpcHealthCheck_EachService_Serving(string service)
    {
        var reply = await hub.Client("amr").Health.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task GrpcHealthCheck_UnknownService_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await hub.Client("amr").Health.CheckAsync(new HealthCheckRequest { Service = "enterprisehub.v1.NoSuchService" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    /// <summary>
    /// The department's subscription lag once /metrics shows it. The gauge is observed at a scrape
    /// and nothing pushes it, so this scrapes every 50 ms until it appears, within the patience.
    /// </summary>
    private async Task<double> SubscriptionLagAsync(string department)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var wakeUp = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            var lag = (await Scrape.MetricsAsync(hub.OperationsAddress))
                .FirstOrDefault(s => s.Name == "hub_projection_lag" && s.Has("projection", "subscriptions") && s.Has("caller", department));
            if (lag is not null)
            {
                return lag.Value;
            }
        }
        while (await wakeUp.WaitForNextTickAsync(timeout.Token));

        return -1;
    }

    private async Task<(string Uscc, long Sequence)> PublishAsync(int facts)
    {
        var uscc = TestData.NewUscc();
        var request = new PublishFactsRequest();
        for (var i = 0; i < facts; i++)
        {
            request.Facts.Add(TestData.Grade(uscc, $"ops-{Guid.NewGuid():N}", "A"));
        }

        var reply = await hub.Client("tax").Exchange.PublishFactsAsync(request);
        return (uscc, reply.Results.Max(r => r.Sequence));
    }

    private static GetEnterpriseRequest Read(string uscc) => new() { Uscc = uscc, Purpose = "ops test", OfficerId = "officer-7" };
}
