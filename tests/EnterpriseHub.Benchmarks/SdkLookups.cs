using System.Diagnostics;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Health.V1;

namespace EnterpriseHub.Benchmarks;

/// <summary>
/// The C# row of clients/testing/bench-sdks.sh: lookups from this one process against a hub it did
/// not start (HUB_DIR/env, as clients/testing/hub.sh writes it), in the protocol every SDK's lookup
/// program speaks: GetEnterprise of the demo enterprise as tax from IN_FLIGHT concurrent callers on
/// one client; prints "measuring" when the measured phase starts and, at its end,
/// "done CALLS SECONDS CLIENT_CPU_SECONDS REFUSED".
/// </summary>
internal static class SdkLookups
{
    public static async Task RunAsync(string hubFolder, TimeSpan warmup, TimeSpan phase, int inFlight, bool health)
    {
        var env = File.ReadAllLines(Path.Combine(hubFolder, "env"))
            .Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
        using var hub = HubClient.Create(HubClientOptions.FromFolder(new Uri(env["HUB_ADDRESS"]), env["HUB_CERTS"], "tax"));
        var lookup = new GetEnterpriseRequest { Uscc = "91440115MA5HUB013L", Purpose = "benchmark", OfficerId = "tax-0042" };
        Func<Task> call = health
            ? async () => await hub.Health.CheckAsync(new HealthCheckRequest())
            : async () => await hub.Directory.GetEnterpriseAsync(lookup);

        await RunPhaseAsync(call, inFlight, warmup);
        Console.WriteLine("measuring");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var calls = await RunPhaseAsync(call, inFlight, phase);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine($"done {calls} {elapsed:F3} {cpu:F3} 0");
    }

    private static async Task<long> RunPhaseAsync(Func<Task> call, int inFlight, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var counts = new long[inFlight];
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(loop => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await call();
                counts[loop]++;
            }
        })));
        return counts.Sum();
    }
}
