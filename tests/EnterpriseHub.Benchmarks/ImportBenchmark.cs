using System.Diagnostics;
using System.Globalization;

namespace EnterpriseHub.Benchmarks;

/// <summary>
/// <c>hubctl import</c> end to end, as a department runs it: the Release hubctl as a child process
/// imports a JSON Lines file written by <c>hubctl sample</c>. Measures facts per second (wall time
/// of the import process), hubctl's peak memory (VmHWM) and CPU time, sampled from /proc while it
/// runs (the last sample before it exits).
/// </summary>
internal static class ImportBenchmark
{
    public sealed record Result(long Facts, TimeSpan Elapsed, double PeakMiB, TimeSpan ClientCpu, int ExitCode, string Summary)
    {
        public double ClientCpuMicrosPerFact => ClientCpu.TotalMicroseconds / Facts;

        public double FactsPerSecond => Facts / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(HubProcess hub, string hubctlDll, string root, long facts)
    {
        string[] connect =
        [
            "--hub", hub.Address.ToString(), "--ca", Path.Combine(hub.CertsFolder, "ca.crt"),
            "--cert", Path.Combine(hub.CertsFolder, "tax.crt"), "--key", Path.Combine(hub.CertsFolder, "tax.key"),
        ];
        var input = Path.Combine(root, "import-bench.jsonl");
        Console.WriteLine($"Writing {facts:N0} facts with hubctl sample...");
        using (var sample = Start(hubctlDll, ["sample", facts.ToString(CultureInfo.InvariantCulture), "--type", "tax.credit_grade", "--seed", "1", .. connect]))
        await using (var file = File.Create(input))
        {
            var errors = sample.StandardError.ReadToEndAsync();
            await sample.StandardOutput.BaseStream.CopyToAsync(file);
            await sample.WaitForExitAsync();
            if (sample.ExitCode != 0)
            {
                throw new InvalidOperationException($"hubctl sample failed: {await errors}");
            }
        }

        Console.WriteLine($"Importing {new FileInfo(input).Length / 1024.0 / 1024.0:N0} MiB with hubctl import...");
        var clock = Stopwatch.StartNew();
        using var import = Start(hubctlDll, ["import", input, "--output", "json", .. connect]);
        var output = import.StandardOutput.ReadToEndAsync();
        var progress = import.StandardError.ReadToEndAsync();
        var exited = import.WaitForExitAsync();
        double peak = 0;
        var clientCpu = TimeSpan.Zero;
        while (!exited.IsCompleted)
        {
            peak = Math.Max(peak, PeakMiB(import.Id));
            clientCpu = CpuTime(import) ?? clientCpu;
            // Sampling a peak that the kernel keeps anyway (VmHWM): the last sample before exit is the answer.
            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(200)));
        }

        clock.Stop();
        await progress;
        return new Result(facts, clock.Elapsed, peak, clientCpu, import.ExitCode, (await output).Trim());
    }

    private static double PeakMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0; // exited between the check and the read
        }
    }

    /// <summary>The process's user + system CPU time so far; null once it has exited.</summary>
    private static TimeSpan? CpuTime(Process process)
    {
        try
        {
            process.Refresh();
            return process.HasExited ? null : process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return null; // exited between the check and the read
        }
    }

    private static Process Start(string dll, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
