using System.Diagnostics;
using EnterpriseHub.Client;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Benchmarks;

/// <summary>
/// Proactive matching on a hub holding a zone of <c>enterprises</c> (a licence and an insured
/// headcount each): the time a policy takes to be matched against every enterprise, and the hub's
/// cost of re-matching on each fact change.
/// </summary>
internal static class ProactiveBenchmark
{
    private const string Condition = """zone == "nansha" && industry in ["C39", "I65"] && hrss.insured_headcount < 100""";
    private static readonly string[] Divisions = ["440115", "440305", "440402"];
    private static readonly string[] Industries = ["C39", "I65", "G54", "F51"];

    public static async Task RunAsync(string serverDll, string root, int enterprises)
    {
        string[] logs = ["--Serilog:MinimumLevel:Override:EnterpriseHub.Core.Proactive=Information"];
        await using var hub = await HubProcess.StartAsync(serverDll, root, requestLogs: false, logs);
        using var amr = Client(hub, "amr");
        using var hrss = Client(hub, "hrss");
        using var portal = Client(hub, "portal");
        using var stop = new CancellationTokenSource();
        using var deliveries = portal.Proactive.WatchNotices(new WatchNoticesRequest { HeartbeatSeconds = 300 }, cancellationToken: stop.Token);
        var random = new Random(11);
        var zone = Enumerable.Range(0, enterprises).Select(i => Code(Divisions[i % 3], "P", i)).ToList();

        // 1. The zone: a licence and a headcount for every enterprise, then a marker the matcher must reach.
        var clock = Stopwatch.StartNew();
        var cpu = hub.CpuTime;
        foreach (var batch in zone.Chunk(1000))
        {
            await amr.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { batch.Select(u => Licence(u, Industries[random.Next(4)], "1")) } });
            await hrss.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { batch.Select(u => Headcount(u, random.Next(1, 500), "1")) } });
        }

        await CaughtUpAsync(amr, hrss, deliveries, "zone", stop.Token);
        Console.WriteLine($"Loaded {enterprises:N0} enterprises ({2 * enterprises:N0} facts) in {clock.Elapsed.TotalSeconds:N1} s "
            + $"including matching every fact; hub CPU {(hub.CpuTime - cpu).TotalMicroseconds / (2.0 * enterprises):N1} µs per fact");

        // 2. A policy over the whole zone.
        var preview = await hrss.Proactive.PreviewAsync(new PreviewRequest { Condition = Condition, Purpose = "benchmark", OfficerId = "bench" });
        var matched = hub.WaitForOutputAsync("Matched policy hrss/subsidy");
        clock.Restart();
        await hrss.Proactive.PublishPolicyAsync(Policy("subsidy", Condition));
        var line = await matched.WaitAsync(TimeSpan.FromMinutes(10));
        Console.WriteLine($"Policy matched against {enterprises:N0} enterprises ({preview.Count:N0} eligible): "
            + $"{line[line.IndexOf("in ", line.IndexOf("enterprise", StringComparison.Ordinal), StringComparison.Ordinal)..line.IndexOf(" ms", StringComparison.Ordinal)]} ms "
            + $"(publish call to log line {clock.Elapsed.TotalMilliseconds:N0} ms)");

        // 3. Re-matching: every enterprise's headcount changes once, with the policy in force.
        clock.Restart();
        cpu = hub.CpuTime;
        foreach (var batch in zone.Chunk(1000))
        {
            await hrss.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { batch.Select(u => Headcount(u, random.Next(1, 500), "2")) } });
        }

        await CaughtUpAsync(amr, hrss, deliveries, "changes", stop.Token);
        Console.WriteLine($"Re-matched {enterprises:N0} fact changes in {clock.Elapsed.TotalSeconds:N1} s (publish included); "
            + $"hub CPU {(hub.CpuTime - cpu).TotalMicroseconds / enterprises:N1} µs per fact (publishing, credit cursor and matching)");
        await stop.CancelAsync();
    }

    /// <summary>Publishes a policy only a marker enterprise meets, then the marker: its notice means every earlier fact was matched.</summary>
    private static async Task CaughtUpAsync(
        HubClient amr, HubClient hrss, AsyncServerStreamingCall<WatchNoticesResponse> deliveries, string name, CancellationToken cancellationToken)
    {
        var industry = $"M{Math.Abs(name.GetHashCode(StringComparison.Ordinal)) % 100:D2}";
        await hrss.Proactive.PublishPolicyAsync(Policy("marker-" + name, $"industry == \"{industry}\""));
        var marker = Code("440115", "M", Math.Abs(name.GetHashCode(StringComparison.Ordinal)) % 1_000_000);
        await amr.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { Licence(marker, industry, name) } });
        while (await deliveries.ResponseStream.MoveNext(cancellationToken))
        {
            if (deliveries.ResponseStream.Current.Notice is { } notice && notice.Uscc == marker && notice.Key.EndsWith("marker-" + name, StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    private static PublishPolicyRequest Policy(string id, string condition) => new()
    {
        PolicyId = id,
        Kind = NoticeKind.Notice,
        Title = "benchmark policy",
        Body = "benchmark",
        Condition = condition,
        ValidFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
        ValidUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
    };

    private static FactDraft Licence(string uscc, string industry, string round) => Draft(
        uscc, "amr.business_license", $"lic-{uscc}-{round}", $$"""{"established":"2019-04-01","industry":"{{industry}}","name":"企业{{uscc[^6..]}}","registered_capital":100,"status":"存续","valid_until":"2030-01-01"}""");

    private static FactDraft Headcount(string uscc, int headcount, string round) => Draft(
        uscc, "hrss.insured_headcount", $"hc-{uscc}-{round}", $$"""{"headcount":{{headcount}},"month":"2026-10"}""");

    private static FactDraft Draft(string uscc, string type, string record, string json) => new()
    {
        Uscc = uscc,
        FactType = type,
        SourceRecordId = record,
        EffectiveTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
        Attributes = Struct.Parser.ParseJson(json),
    };

    private static HubClient Client(HubProcess hub, string department) => HubClient.Create(HubClientOptions.FromFolder(hub.Address, hub.CertsFolder, department));

    private static string Code(string division, string prefix, int i)
    {
        var organisation = $"{prefix}{i:D7}";
        var first17 = $"91{division}{organisation}{Uscc.ComputeOrganizationCheckCharacter(organisation)}";
        return first17 + Uscc.ComputeCheckCharacter(first17);
    }
}
