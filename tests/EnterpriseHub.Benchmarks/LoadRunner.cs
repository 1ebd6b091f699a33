using System.Diagnostics;

namespace EnterpriseHub.Benchmarks;

/// <summary>Runs one call shape from many concurrent loops for a fixed time and measures it.</summary>
internal static class LoadRunner
{
    public sealed record Result(string Name, long Calls, long Items, TimeSpan Elapsed, TimeSpan ServerCpu, double[] LatenciesMs)
    {
        public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

        public double ItemsPerSecond => Items / Elapsed.TotalSeconds;

        public double ServerCpuMicrosPerCall => ServerCpu.TotalMicroseconds / Calls;

        public double ServerCpuMicrosPerItem => ServerCpu.TotalMicroseconds / Items;

        public double Percentile(double p) =>
            LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[Math.Min(LatenciesMs.Length - 1, (int)(p * LatenciesMs.Length))];
    }

    /// <summary>
    /// <paramref name="call"/> gets the loop number and its iteration, and returns how many items
    /// (facts) the call carried. Every loop stops at the deadline; no call is started after it.
    /// </summary>
    public static async Task<Result> RunAsync(
        string name, HubProcess hub, int concurrency, TimeSpan duration, Func<int, long, Task<int>> call)
    {
        var cpuBefore = hub.CpuTime;
        var clock = Stopwatch.StartNew();
        var latencies = new List<double>[concurrency];
        var items = new long[concurrency];
        var loops = Enumerable.Range(0, concurrency).Select(loop => Task.Run(async () =>
        {
            var mine = latencies[loop] = new List<double>(100_000);
            for (long i = 0; clock.Elapsed < duration; i++)
            {
                var started = Stopwatch.GetTimestamp();
                items[loop] += await call(loop, i);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(loops);
        var elapsed = clock.Elapsed;
        var cpu = hub.CpuTime - cpuBefore;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(name, all.Length, items.Sum(), elapsed, cpu, all);
    }
}
