using EnterpriseHub.Benchmarks;
using EnterpriseHub.Client;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Health.V1;

// Usage: dotnet run -c Release --project tests/EnterpriseHub.Benchmarks -- [warmupSeconds] [phaseSeconds] [callers] [--no-request-logs] [--hot=N] [--delivery [--replica-b]] [--hub:KEY=VALUE ...]
//        dotnet run -c Release --project tests/EnterpriseHub.Benchmarks -- 0 15 --credit [--enterprises=200000]
//        dotnet run -c Release --project tests/EnterpriseHub.Benchmarks -- --proactive [--enterprises=200000]
//        dotnet run -c Release --project tests/EnterpriseHub.Benchmarks -- 20 20 32 --sdk-lookups=HUB_DIR [--health]
//        dotnet run -c Release --project tests/EnterpriseHub.Benchmarks -- [warmupSeconds] [phaseSeconds] --import [--facts=1000000]
//        dotnet run -c Release --project tests/EnterpriseHub.Benchmarks -- --audit-proofs [--records=10000000]
// --hub:KEY=VALUE passes --Hub:KEY=VALUE to the hub, e.g. --hub:Storage:Provider=postgres.
var warmup = TimeSpan.FromSeconds(args.Length > 0 && int.TryParse(args[0], out var w) ? w : 20);
var phase = TimeSpan.FromSeconds(args.Length > 1 && int.TryParse(args[1], out var p) ? p : 15);
var callers = args.Length > 2 && int.TryParse(args[2], out var c) ? c : 32;
var requestLogs = !args.Contains("--no-request-logs");
// --hot=N: lookups go to N of the published enterprises only (a working set the cache can hold).
var hot = args.FirstOrDefault(a => a.StartsWith("--hot=", StringComparison.Ordinal)) is { } h ? int.Parse(h["--hot=".Length..]) : int.MaxValue;

if (args.FirstOrDefault(a => a.StartsWith("--sdk-lookups=", StringComparison.Ordinal)) is { } sdk)
{
    // The C# row of clients/testing/bench-sdks.sh: lookups against a hub started by hub.sh.
    await SdkLookups.RunAsync(sdk["--sdk-lookups=".Length..], warmup, phase, callers, args.Contains("--health"));
    return;
}

var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
var root = Directory.CreateTempSubdirectory("hub-bench-").FullName;
var serverDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory,
    $"../../../../../src/EnterpriseHub.Server/bin/{configuration}/net10.0/EnterpriseHub.Server.dll"));
var hubctlDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory,
    $"../../../../../clients/csharp/EnterpriseHub.Cli/bin/{configuration}/net10.0/EnterpriseHub.Cli.dll"));

if (args.Contains("--credit"))
{
    // --credit [--enterprises=N]: the credit benchmark alone (evaluator, publish-to-alert, rebuild).
    var size = args.FirstOrDefault(a => a.StartsWith("--enterprises=", StringComparison.Ordinal)) is { } e ? int.Parse(e["--enterprises=".Length..]) : 200_000;
    await CreditBenchmark.RunAsync(serverDll, root, size, phase);
    Directory.Delete(root, recursive: true);
    return;
}

if (args.Contains("--audit-proofs"))
{
    // --audit-proofs [--records=N]: the audit log's Merkle proofs over N records on the SQLite store.
    var records = args.FirstOrDefault(a => a.StartsWith("--records=", StringComparison.Ordinal)) is { } r ? long.Parse(r["--records=".Length..]) : 10_000_000;
    await AuditProofBenchmark.RunAsync(root, records);
    Directory.Delete(root, recursive: true);
    return;
}

if (args.Contains("--proactive"))
{
    // --proactive [--enterprises=N]: policy matching over a zone, and re-matching on fact changes.
    var size = args.FirstOrDefault(a => a.StartsWith("--enterprises=", StringComparison.Ordinal)) is { } e ? int.Parse(e["--enterprises=".Length..]) : 200_000;
    await ProactiveBenchmark.RunAsync(serverDll, root, size);
    Directory.Delete(root, recursive: true);
    return;
}

var hubArgs = args.Where(a => a.StartsWith("--hub:", StringComparison.Ordinal)).Select(a => "--Hub:" + a["--hub:".Length..]).ToList();
Dictionary<string, HubClient>[] clients = [];
var published = new List<string>();
var batchNumber = 0;
Struct[] grades = [.. "ABMCD".Select(g => new Struct { Fields = { ["grade"] = Value.ForString(g.ToString()), ["year"] = Value.ForNumber(2025) } })];
var batchEffectiveTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
// --import first measures publishing alone, on a hub of its own that runs no projection.
var alone = args.Contains("--import") ? await PublishingAloneAsync() : null;
await using var hub = await HubProcess.StartAsync(serverDll, root, requestLogs, hubArgs);
clients = Connect(hub);

Dictionary<string, HubClient>[] Connect(HubProcess to) =>
    [.. Enumerable.Range(0, 4).Select(_ => new[] { "amr", "tax" }.ToDictionary(d => d, d => HubClient.Create(HubClientOptions.FromFolder(to.Address, to.CertsFolder, d))))];

async Task<LoadRunner.Result> PublishingAloneAsync()
{
    var folder = Directory.CreateDirectory(Path.Combine(root, "alone")).FullName;
    await using var quiet = await HubProcess.StartAsync(
        serverDll, folder, requestLogs, [.. hubArgs, "--Hub:Credit:Evaluate=false", "--Hub:Proactive:Match=false"]);
    clients = Connect(quiet);
    Console.WriteLine($"Publishing alone (no projection runs): warming up for {warmup.TotalSeconds / 2} s...");
    await LoadRunner.RunAsync("warm-up publish", quiet, 2, warmup / 2, Publish);
    var result = await LoadRunner.RunAsync("PublishFacts, no projection running", quiet, 2, phase, Publish);
    foreach (var client in clients.SelectMany(set => set.Values))
    {
        client.Dispose();
    }

    return result;
}

// Publishing: batches of 1,000 facts, each about a new enterprise. The attributes and the time are
// shared between drafts (serialising reads them only), so the load client spends its CPU on the calls.
PublishFactsRequest NextBatch()
{
    var batch = Interlocked.Increment(ref batchNumber);
    var request = new PublishFactsRequest();
    for (var i = 0; i < 1000; i++)
    {
        var organisation = $"{batch:D5}{i:D3}";
        var first17 = $"91440115{organisation}{Uscc.ComputeOrganizationCheckCharacter(organisation)}";
        var uscc = first17 + Uscc.ComputeCheckCharacter(first17);
        request.Facts.Add(new FactDraft
        {
            Uscc = uscc, FactType = "tax.credit_grade", SourceRecordId = $"bench-{batch}-{i}", Attributes = grades[i % 5],
            EffectiveTime = batchEffectiveTime,
        });
    }

    return request;
}

async Task<int> Publish(int loop, long _)
{
    var request = NextBatch();
    await clients[loop % clients.Length]["tax"].Exchange.PublishFactsAsync(request);
    lock (published)
    {
        published.AddRange(request.Facts.Select(f => f.Uscc));
    }

    return request.Facts.Count;
}

string[] known = [];
var random = new Random(42);
var lookups = Enumerable.Range(0, 100_000).Select(_ => random.Next()).ToArray();
async Task<int> Lookup(int loop, long i)
{
    var uscc = known[lookups[(int)((loop * 7919 + i) % lookups.Length)] % known.Length];
    await clients[loop % clients.Length]["amr"].Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = uscc, Purpose = "benchmark", OfficerId = "bench-officer" });
    return 1;
}

async Task<int> Health(int loop, long _)
{
    await clients[loop % clients.Length]["amr"].Health.CheckAsync(new HealthCheckRequest());
    return 1;
}

if (args.Contains("--import"))
{
    // --import [--facts=N]: hubctl import of a JSON Lines file end to end, next to PublishFacts in the same run.
    var count = args.FirstOrDefault(a => a.StartsWith("--facts=", StringComparison.Ordinal)) is { } f ? long.Parse(f["--facts=".Length..]) : 1_000_000;
    Console.WriteLine($"Warming up for {warmup.TotalSeconds / 2} s (publish)...");
    await LoadRunner.RunAsync("warm-up publish", hub, 2, warmup / 2, Publish);
    await hub.WaitForProjectionsAsync(TimeSpan.FromMinutes(10));
    var publishCpu = hub.CpuTime;
    var batches = await LoadRunner.RunAsync("PublishFacts (1,000 facts/batch, 2 callers)", hub, 2, phase, Publish);
    var publishCatchUp = await hub.WaitForProjectionsAsync(System.Diagnostics.Stopwatch.GetTimestamp(), TimeSpan.FromMinutes(10));
    var importCpu = hub.CpuTime;
    var import = await ImportBenchmark.RunAsync(hub, hubctlDll, root, count);
    var importEnd = System.Diagnostics.Stopwatch.GetTimestamp();
    var importReplyCpu = hub.CpuTime - importCpu;
    var importCatchUp = await hub.WaitForProjectionsAsync(importEnd, TimeSpan.FromMinutes(10));
    string PerFact(TimeSpan cpu, long facts) => $"{cpu.TotalMicroseconds / facts:N1} µs";
    Console.WriteLine();
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; {configuration}; request logs {(requestLogs ? "on" : "off")}");
    Console.WriteLine();
    Console.WriteLine("| phase | facts | facts/s (to the last reply) | hub CPU per fact to the last reply | hub CPU per fact, projections caught up | credit: lag / caught up after | notices: lag / caught up after | client peak memory (VmHWM) | client CPU per fact |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    Console.WriteLine($"| {alone!.Name} | {alone.Items:N0} | {alone.ItemsPerSecond:N0} | {PerFact(alone.ServerCpu, alone.Items)} | - | - | - | - | - |");
    Console.WriteLine($"| {batches.Name} | {batches.Items:N0} | {batches.ItemsPerSecond:N0} | {PerFact(batches.ServerCpu, batches.Items)} | {PerFact(publishCatchUp.HubCpu - publishCpu, batches.Items)} | {publishCatchUp.Describe("credit")} | {publishCatchUp.Describe("notices")} | - | - |");
    Console.WriteLine($"| hubctl import, JSON Lines, chunks of 1,000 (exit {import.ExitCode}) | {import.Facts:N0} | {import.FactsPerSecond:N0} | {PerFact(importReplyCpu, import.Facts)} | {PerFact(importCatchUp.HubCpu - importCpu, import.Facts)} | {importCatchUp.Describe("credit")} | {importCatchUp.Describe("notices")} | {import.PeakMiB:N0} MiB | {import.ClientCpuMicrosPerFact:N1} µs |");
    Console.WriteLine();
    var projectionsCpu = (publishCatchUp.HubCpu - publishCpu).TotalMicroseconds / batches.Items - alone.ServerCpuMicrosPerItem;
    Console.WriteLine($"Projections' hub CPU per fact (PublishFacts caught up minus publishing alone): {projectionsCpu:N1} µs");
    Console.WriteLine($"hubctl import of {import.Facts:N0} facts, projections caught up: {(import.Elapsed + importCatchUp.All).TotalSeconds:N1} s");
    Console.WriteLine($"hubctl's summary: {import.Summary}");
    foreach (var client in clients.SelectMany(set => set.Values))
    {
        client.Dispose();
    }

    Directory.Delete(root, recursive: true);
    return;
}

Console.WriteLine($"Warming up for {warmup.TotalSeconds} s (publish, lookup, health)...");
await LoadRunner.RunAsync("warm-up publish", hub, 2, warmup / 2, Publish);
known = [.. published.Take(hot)];
await LoadRunner.RunAsync("warm-up lookup", hub, callers, warmup / 4, Lookup);
await LoadRunner.RunAsync("warm-up health", hub, callers, warmup / 4, Health);

var results = new List<LoadRunner.Result>
{
    await LoadRunner.RunAsync("PublishFacts (1,000 facts/batch, 2 callers)", hub, 2, phase, Publish),
};
for (var round = 1; round <= 2; round++)
{
    known = [.. published.Take(hot)];
    results.Add(await LoadRunner.RunAsync($"Health/Check ({callers} callers) #{round}", hub, callers, phase, Health));
    results.Add(await LoadRunner.RunAsync($"GetEnterprise, audited ({callers} callers) #{round}", hub, callers, phase, Lookup));
}

Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()}; "
    + $"request logs {(requestLogs ? "on" : "off")}; store holds {published.Count:N0} published facts");
Console.WriteLine();
Console.WriteLine("| phase | calls/s | facts/s | p50 ms | p99 ms | server CPU per call |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine($"| {r.Name} | {r.CallsPerSecond:N0} | {r.ItemsPerSecond:N0} | {r.Percentile(0.5):N2} | {r.Percentile(0.99):N2} | {r.ServerCpuMicrosPerCall:N0} µs |");
}

Console.WriteLine();
Console.WriteLine($"The hub's own lines of {hub.OperationsAddress}metrics after these phases:");
foreach (var line in await hub.MetricsAsync())
{
    Console.WriteLine("    " + line);
}

if (args.Contains("--delivery"))
{
    // With --replica-b the watchers are on a second hub process on the same store: delivery across replicas.
    await using var replicaB = args.Contains("--replica-b") ? await HubProcess.StartAsync(serverDll, root, requestLogs, hubArgs) : null;
    var taxClients = clients.Select(set => set["tax"]).ToList();
    var watchers = replicaB is null
        ? clients.Select(set => set["amr"]).ToList()
        : Enumerable.Range(0, 4).Select(_ => HubClient.Create(HubClientOptions.FromFolder(replicaB.Address, replicaB.CertsFolder, "amr"))).ToList();
    var counter = 0;
    string NextUscc()
    {
        var organisation = $"L{Interlocked.Increment(ref counter):D7}";
        var first17 = $"91440402{organisation}{Uscc.ComputeOrganizationCheckCharacter(organisation)}";
        return first17 + Uscc.ComputeCheckCharacter(first17);
    }

    // amr may read tax.arrears only under a grant: ask tax for one and approve it.
    var requested = await watchers[0].Catalog.RequestGrantAsync(new EnterpriseHub.V1.RequestGrantRequest
    {
        FactType = "tax.arrears", Purpose = "benchmark", LegalBasis = "benchmark",
        WantedUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)),
    });
    await taxClients[0].Catalog.DecideGrantAsync(new EnterpriseHub.V1.DecideGrantRequest { GrantId = requested.Grant.Id, Approve = true });
    Console.WriteLine();
    Console.WriteLine("| subscribers | facts published | publish-to-delivery median | p99 |");
    Console.WriteLine("|---:|---:|---:|---:|");
    foreach (var n in new[] { 1, 10, 100 })
    {
        var r = await DeliveryLatency.RunAsync(taxClients, watchers, n, phase, NextUscc);
        Console.WriteLine($"| {r.Subscribers} | {r.Facts:N0} | {r.MedianMs:N2} ms | {r.P99Ms:N2} ms |");
    }
}

var health = results.Where(r => r.Name.StartsWith("Health", StringComparison.Ordinal)).Average(r => r.CallsPerSecond);
var lookup = results.Where(r => r.Name.StartsWith("GetEnterprise", StringComparison.Ordinal)).Average(r => r.CallsPerSecond);
Console.WriteLine();
Console.WriteLine($"GetEnterprise / Health/Check throughput: {lookup / health:P0}");
foreach (var set in clients)
{
    foreach (var client in set.Values)
    {
        client.Dispose();
    }
}

Directory.Delete(root, recursive: true);
