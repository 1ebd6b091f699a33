using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EnterpriseHub.Client;
using Grpc.Core;
using Grpc.Health.V1;

namespace EnterpriseHub.Server.Tests.Faults;

/// <summary>
/// The real server binary in a process of its own (the one the test project's reference copied
/// beside the tests), on a store in <see cref="Root"/>, so that its memory is its own and it can
/// be killed with SIGKILL. Another start on the same root gets the same store and PKI.
/// </summary>
internal sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly List<HubClient> _clients = [];
    private int _disposed;

    private HubProcess(Process process, string root, Uri address)
    {
        _process = process;
        Root = root;
        Address = address;
    }

    public string Root { get; }

    public string CertsFolder => Path.Combine(Root, "certs");

    public Uri Address { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the hub on a free port and waits until its health check answers SERVING.</summary>
    public static Task<HubProcess> StartAsync(string root, params string[] extraArgs) => StartAsync(root, FreePort(), extraArgs);

    /// <summary>
    /// Starts the hub on <paramref name="port"/> (a restart where its clients left it) and waits until
    /// its health check answers SERVING.
    /// </summary>
    public static async Task<HubProcess> StartAsync(string root, int port, params string[] extraArgs)
    {
        var certs = Path.Combine(root, "certs");
        if (!File.Exists(Path.Combine(certs, "ca.crt")))
        {
            await WriteDevCertificatesAsync(certs);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root, UseShellExecute = false,
        };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "EnterpriseHub.Server.dll"),
            "--environment=Development",
            $"--Hub:Tls:Listen=127.0.0.1:{port}",
            "--Hub:Operations:Listen=127.0.0.1:0",
            $"--Hub:Tls:DevCertificatesFolder={certs}",
            $"--Hub:Tls:CertificatePath={Path.Combine(certs, "hub.crt")}",
            $"--Hub:Tls:KeyPath={Path.Combine(certs, "hub.key")}",
            $"--Hub:Tls:ClientCaPath={Path.Combine(certs, "ca.crt")}",
            $"--Hub:Tls:CrlPaths:0={Path.Combine(certs, "ca.crl")}",
            .. await TestStore.ArgumentsAsync(root),
            "--Hub:Demo:Enabled=false",
            "--Serilog:MinimumLevel:Default=Warning",
            .. extraArgs,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var hub = new HubProcess(process, root, new Uri($"https://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => hub.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => hub.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await hub.WaitUntilServingAsync(TimeSpan.FromSeconds(90));
        return hub;
    }

    /// <summary>A client of this hub authenticated as <paramref name="department"/>, disposed with the hub.</summary>
    public HubClient Client(string department)
    {
        var client = HubClient.Create(HubClientOptions.FromFolder(Address, CertsFolder, department));
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no disposal.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops it, and waits until it has exited and its output is read to the end.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(patience);
        // With output redirected, the parameterless wait also waits for the end of both streams.
        _process.WaitForExit();
    }

    /// <summary>The hub's resident set size (VmRSS) in MiB.</summary>
    public double RssMiB()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>How many sockets the hub holds open (listeners, connections, the store's).</summary>
    public int OpenSockets()
    {
        var count = 0;
        foreach (var fd in Directory.EnumerateFiles($"/proc/{Pid}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }

        return count;
    }

    /// <summary>What the hub wrote to stdout and stderr (warnings and errors).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilServingAsync(TimeSpan patience)
    {
        using var client = HubClient.Create(HubClientOptions.FromFolder(Address, CertsFolder, "amr"));
        // Wait-for-ready: the call itself waits, with the channel's back-off, until the port listens.
        var check = client.Health.CheckAsync(new HealthCheckRequest(), new CallOptions(deadline: DateTime.UtcNow + patience).WithWaitForReady()).ResponseAsync;
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(check, exited) == exited)
        {
            throw new InvalidOperationException($"the hub exited with {_process.ExitCode} before it served: {Log}");
        }

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await check).Status);
    }

    /// <summary>Writes the dev PKI into <paramref name="certs"/> with the server's own command, as an operator would.</summary>
    private static async Task WriteDevCertificatesAsync(string certs)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EnterpriseHub.Server.dll"));
        start.ArgumentList.Add("dev-certs");
        start.ArgumentList.Add(certs);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dev-certs: {await output} {await errors}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
