using System.Diagnostics;
using EnterpriseHub.Client;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Fact = EnterpriseHub.Core.Facts.Fact;

namespace EnterpriseHub.Benchmarks;

/// <summary>
/// Credit monitoring: the evaluator's cost per fact in process, then on a real hub the
/// publish-to-alert latency over a zone of <c>enterprises</c> and the time a rebuild of that zone
/// takes when the rules file changes.
/// </summary>
internal static class CreditBenchmark
{
    private static readonly string[] Departments = ["court", "amr", "tax", "customs"];

    public static async Task RunAsync(string serverDll, string root, int enterprises, TimeSpan phase)
    {
        var serverFolder = Path.GetDirectoryName(serverDll)!;
        var catalog = CatalogFile.Load(Path.Combine(serverFolder, "Catalog", "catalog.json")).FactTypes;
        var rulesPath = Path.Combine(serverFolder, "Credit", "credit-rules.json");
        var rules = CreditRulesFile.Load(rulesPath, catalog);
        var now = DateTimeOffset.UtcNow;
        var zone = Enumerable.Range(0, enterprises).Select(i => Code("C", i)).ToList();
        var facts = zone.Select(uscc => Synthetic(new Random(uscc.GetHashCode(StringComparison.Ordinal)), uscc, now)).ToList();

        // 1. The evaluator alone: every enterprise of the zone, three times after a warm-up.
        foreach (var (uscc, mine) in zone.Zip(facts))
        {
            CreditEvaluator.Evaluate(rules, uscc, mine, now);
        }

        var clock = Stopwatch.StartNew();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (uscc, mine) in zone.Zip(facts))
            {
                CreditEvaluator.Evaluate(rules, uscc, mine, now);
            }
        }

        var factCount = facts.Sum(f => f.Count);
        var perFact = clock.Elapsed.TotalMicroseconds / 3 / factCount;
        Console.WriteLine($"Evaluator: {enterprises:N0} enterprises, {factCount:N0} facts: {perFact:N2} µs per fact, "
            + $"{clock.Elapsed.TotalMicroseconds / 3 / enterprises:N2} µs per enterprise");

        // 2. The zone on a hub, then publish-to-alert latency on top of it.
        string[] logs = ["--Serilog:MinimumLevel:Override:EnterpriseHub.Core.Credit=Information"];
        await using (var hub = await HubProcess.StartAsync(serverDll, root, requestLogs: false, logs))
        {
            var clients = Departments.ToDictionary(d => d, d => HubClient.Create(HubClientOptions.FromFolder(hub.Address, hub.CertsFolder, d)));
            using var stop = new CancellationTokenSource();
            using var alerts = clients["amr"].Credit.WatchRiskAlerts(
                new WatchRiskAlertsRequest { Purpose = "benchmark", OfficerId = "bench", HeartbeatSeconds = 300 }, cancellationToken: stop.Token);
            var published = Stopwatch.StartNew();
            var cpu = hub.CpuTime;
            foreach (var group in zone.Zip(facts).SelectMany(z => z.Second).GroupBy(f => f.Publisher))
            {
                foreach (var batch in group.Chunk(1000))
                {
                    await clients[group.Key].Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { batch.Select(ToDraft) } });
                }
            }

            var publishing = published.Elapsed;
            // The projection reads the log in order: the alert of a listing published last means it has caught up.
            await PublishListingAsync(clients["court"], Code("M", 0));
            await AlertForAsync(alerts, Code("M", 0), stop.Token);
            Console.WriteLine($"Published {factCount:N0} facts in {publishing.TotalSeconds:N1} s; every one evaluated "
                + $"{published.Elapsed.TotalSeconds:N1} s after the first was sent; hub CPU {(hub.CpuTime - cpu).TotalMicroseconds / factCount:N1} µs per fact "
                + "(publishing and evaluating)");
            var latencies = await AlertLatencyAsync(clients["court"], alerts, phase, stop.Token);
            Console.WriteLine($"Publish-to-alert latency ({latencies.Count:N0} alerts, one publish at a time): "
                + $"median {Percentile(latencies, 0.5):N2} ms, p99 {Percentile(latencies, 0.99):N2} ms");
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        // 3. A changed rules file: the restarted hub rebuilds every profile in the background.
        var changed = Path.Combine(root, "credit-rules-v2.json");
        await File.WriteAllTextAsync(changed, (await File.ReadAllTextAsync(rulesPath))
            .Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)
            .Replace("\"D\": 80", "\"D\": 90", StringComparison.Ordinal));
        await using (var hub = await HubProcess.StartAsync(serverDll, root, requestLogs: false, [.. logs, $"--Hub:Credit:RulesPath={changed}"]))
        {
            var done = await hub.WaitForOutputAsync("Credit rebuild done").WaitAsync(TimeSpan.FromMinutes(30));
            Console.WriteLine($"Rebuild after a rules change: {done[(done.IndexOf("Credit rebuild done", StringComparison.Ordinal))..]}");
            Console.WriteLine($"Hub CPU time since its start: {hub.CpuTime.TotalSeconds:N1} s");
        }
    }

    /// <summary>One court listing at a time for a new enterprise; from before the publish to the alert's arrival.</summary>
    private static async Task<List<double>> AlertLatencyAsync(
        HubClient court, Grpc.Core.AsyncServerStreamingCall<WatchRiskAlertsResponse> alerts, TimeSpan phase, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < phase; i++)
        {
            var uscc = Code("L", i);
            var started = Stopwatch.GetTimestamp();
            await PublishListingAsync(court, uscc);
            await AlertForAsync(alerts, uscc, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    private static Task PublishListingAsync(HubClient court, string uscc) =>
        court.Exchange.PublishFactsAsync(new PublishFactsRequest
        {
            Facts =
            {
                ToDraft(new Fact(uscc, "court.dishonest_debtor", """{"case_number":"(2026)粤0115执1号","court":"南沙区人民法院"}""",
                    DateTimeOffset.UtcNow.AddDays(-1), "court", $"lat-{uscc}", default, 0)),
            },
        }).ResponseAsync;

    /// <summary>Reads the alert stream up to the first alert about <paramref name="uscc"/>.</summary>
    private static async Task AlertForAsync(
        Grpc.Core.AsyncServerStreamingCall<WatchRiskAlertsResponse> alerts, string uscc, CancellationToken cancellationToken)
    {
        while (await alerts.ResponseStream.MoveNext(cancellationToken))
        {
            if (alerts.ResponseStream.Current.Alert?.Uscc == uscc)
            {
                return;
            }
        }

        throw new InvalidOperationException("the alert stream ended");
    }

    /// <summary>One to four facts about an enterprise from the departments the rules read, about one in five a risk.</summary>
    private static List<Fact> Synthetic(Random random, string uscc, DateTimeOffset now)
    {
        var list = new List<Fact>();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var effective = now.AddDays(-random.Next(1, 700));
            var (publisher, type, json) = random.Next(5) switch
            {
                0 => ("court", "court.dishonest_debtor", $$"""{"case_number":"(2025)粤执{{random.Next(9999)}}号","court":"广州中院"{{(random.Next(2) == 0 ? ",\"status\":\"lifted\"" : "")}}}"""),
                1 => ("amr", "amr.administrative_penalty", $$"""{"amount":{{random.Next(1, 50) * 10000}},"decided":"{{effective:yyyy-MM-dd}}","decision_number":"P{{random.Next(3)}}"}"""),
                2 => ("tax", "tax.credit_grade", $$"""{"grade":"{{"AABBMCD"[random.Next(7)]}}","year":2025}"""),
                3 => ("amr", "amr.abnormal_operations", $$"""{"listed":{{(random.Next(4) == 0 ? "true" : "false")}}}"""),
                _ => ("customs", "customs.credit_class", $$"""{"class":"{{new[] { "advanced", "general", "general", "dishonest" }[random.Next(4)]}}"}"""),
            };
            list.Add(new Fact(uscc, type, json, effective, publisher, $"b-{uscc}-{list.Count}", now, list.Count + 1));
        }

        return list;
    }

    private static FactDraft ToDraft(Fact fact) => new()
    {
        Uscc = fact.Uscc,
        FactType = fact.FactType,
        SourceRecordId = fact.SourceRecordId,
        EffectiveTime = Timestamp.FromDateTimeOffset(fact.EffectiveTime),
        Attributes = Struct.Parser.ParseJson(fact.AttributesJson),
    };

    private static string Code(string prefix, int i)
    {
        var organisation = $"{prefix}{i:D7}";
        var first17 = $"91440115{organisation}{Uscc.ComputeOrganizationCheckCharacter(organisation)}";
        return first17 + Uscc.ComputeCheckCharacter(first17);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }
}
