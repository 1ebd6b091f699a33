using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EnterpriseHub.Benchmarks;

/// <summary>The hub as a child process (Release build, no demo data), with its own PKI and store.</summary>
internal sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _waiters = [];

    private HubProcess(Process process, Uri address, Uri operations, string certs)
    {
        _process = process;
        Address = address;
        OperationsAddress = operations;
        CertsFolder = certs;
    }

    public Uri Address { get; }

    /// <summary>The hub's plain-HTTP operations endpoint (/metrics).</summary>
    public Uri OperationsAddress { get; }

    public string CertsFolder { get; }

    /// <summary>The server's CPU time (user + system) so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// The benchmark measures the hub's capacity, not its quotas (whose defaults would hold one
    /// department to 2,000 reads and 100 health checks a second): every bucket a million a second,
    /// so each call still takes its token, and streams practically unbounded. A --hub: argument
    /// after these may set others.
    /// </summary>
    private static readonly string[] QuotaArguments =
    [
        .. new[] { "Read", "Publish", "Watch", "Change", "Probe" }.Select(kind => $"--Hub:Quotas:{kind}:PerSecond=1000000"),
        "--Hub:Quotas:MaxStreamsPerIdentity=100000",
    ];

    public static async Task<HubProcess> StartAsync(string serverDll, string root, bool requestLogs, IEnumerable<string> hubArgs)
    {
        var certs = Path.Combine(root, "certs");
        if (!File.Exists(Path.Combine(certs, "ca.crt")))
        {
            // A second replica in the same folder shares the first one's PKI.
            await RunToEndAsync(serverDll, ["dev-certs", certs]);
        }

        var port = FreePort();
        var operations = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     serverDll, "--environment=Benchmark", $"--Hub:Tls:Listen=127.0.0.1:{port}", $"--Hub:Operations:Listen=127.0.0.1:{operations}",
                     $"--Hub:Tls:CertificatePath={certs}/hub.crt", $"--Hub:Tls:KeyPath={certs}/hub.key",
                     $"--Hub:Tls:ClientCaPath={certs}/ca.crt", $"--Hub:Storage:Sqlite:DatabasePath={root}/hub.db",
                     $"--Hub:Audit:SigningKeyFile={certs}/audit-log.key",
                     $"--Serilog:MinimumLevel:Default={(requestLogs ? "Information" : "Warning")}",
                 }.Concat(QuotaArguments).Concat(hubArgs))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var hub = new HubProcess(process, new Uri($"https://127.0.0.1:{port}"), new Uri($"http://127.0.0.1:{operations}"), certs);
        var ready = hub.WaitForOutputAsync("Application started");
        process.OutputDataReceived += (_, e) => hub.Saw(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("hub: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.WhenAny(ready, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(60));
        if (process.HasExited)
        {
            throw new InvalidOperationException($"the hub exited with {process.ExitCode} before it started");
        }

        return hub;
    }

    /// <summary>The hub's own lines of its /metrics now (series and counts, not the histogram buckets).</summary>
    public async Task<IReadOnlyList<string>> MetricsAsync()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(OperationsAddress, "/metrics"));
        return text.Split('\n').Where(line => line.StartsWith("hub_", StringComparison.Ordinal) && !line.Contains("_bucket{", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The projections this benchmark waits for, as <c>hub_projection_lag</c> names them.</summary>
    public static readonly string[] Projections = ["credit", "notices"];

    /// <summary>Each projection's <c>hub_projection_lag</c> now (facts of the log it has not applied); absent when it does not lead here.</summary>
    public async Task<IReadOnlyDictionary<string, double>> LagsAsync()
    {
        var lags = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in await MetricsAsync())
        {
            if (!line.StartsWith("hub_projection_lag{", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var projection in Projections.Where(p => line.Contains($"projection=\"{p}\"", StringComparison.Ordinal)))
            {
                lags[projection] = double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return lags;
    }

    /// <summary>How far behind each projection was after a phase, and how long after the phase's last reply it caught up.</summary>
    /// <param name="Lag">The largest lag seen after the last reply, in facts.</param>
    /// <param name="CaughtUp">From the last reply to the first lag of 0 the hub reported with a head read after that reply.</param>
    /// <param name="HubCpu">The hub's CPU time when every projection had caught up.</param>
    public sealed record CatchUp(IReadOnlyDictionary<string, double> Lag, IReadOnlyDictionary<string, TimeSpan> CaughtUp, TimeSpan HubCpu)
    {
        public TimeSpan All => CaughtUp.Values.Max();

        public string Describe(string projection) =>
            CaughtUp[projection] <= HeadFresh ? $"{Lag[projection]:N0} / ≤ {HeadFresh.TotalSeconds:N1} s" : $"{Lag[projection]:N0} / {CaughtUp[projection].TotalSeconds:N1} s";
    }

    /// <summary>
    /// The hub reads the log's head again at most 500 ms after an append wakes it, so a lag of 0 is
    /// believed only once that much has passed since the last reply: catch-up times below it read "≤".
    /// </summary>
    private static readonly TimeSpan HeadFresh = TimeSpan.FromMilliseconds(600);

    /// <summary>
    /// Polls /metrics every 50 ms from the last reply of a phase (<paramref name="lastReply"/>, a
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp) until both projections report a lag of 0.
    /// </summary>
    public async Task<CatchUp> WaitForProjectionsAsync(long lastReply, TimeSpan timeout)
    {
        var largest = Projections.ToDictionary(p => p, _ => 0.0, StringComparer.Ordinal);
        var caughtUp = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        while (true)
        {
            var lags = await LagsAsync();
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(lastReply);
            foreach (var (projection, lag) in lags)
            {
                largest[projection] = Math.Max(largest[projection], lag);
                if (lag == 0 && elapsed >= HeadFresh && !caughtUp.ContainsKey(projection))
                {
                    caughtUp[projection] = elapsed;
                }
            }

            if (caughtUp.Count == Projections.Length)
            {
                return new CatchUp(largest, caughtUp, CpuTime);
            }

            if (elapsed > timeout)
            {
                throw new TimeoutException($"The projections were still behind after {timeout}: lags {string.Join(", ", lags)}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Waits, as <see cref="WaitForProjectionsAsync(long, TimeSpan)"/>, from now.</summary>
    public Task<CatchUp> WaitForProjectionsAsync(TimeSpan timeout) =>
        WaitForProjectionsAsync(System.Diagnostics.Stopwatch.GetTimestamp(), timeout);

    /// <summary>The first line of the hub's output, from now on, that contains <paramref name="text"/>.</summary>
    public Task<string> WaitForOutputAsync(string text)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((text, seen));
        }

        return seen.Task;
    }

    private void Saw(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task RunToEndAsync(string serverDll, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        start.ArgumentList.Add(serverDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
