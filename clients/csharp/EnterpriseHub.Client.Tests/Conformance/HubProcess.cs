using System.Diagnostics;

namespace EnterpriseHub.Client.Tests.Conformance;

/// <summary>
/// A real hub in its own process, started and restarted through clients/testing/hub.sh exactly as
/// every SDK's suite does, with its dev PKI and store in a fresh temporary folder.
/// </summary>
public sealed class HubProcess : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hub-sdk-csharp-{Guid.NewGuid():N}");
    private readonly string _script = Path.Combine(RepositoryRoot(), "clients", "testing", "hub.sh");

    public Uri Address { get; private set; } = null!;

    public string CertsFolder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await RunAsync("start");
        var env = File.ReadAllLines(Path.Combine(_folder, "env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Address = new Uri(env["HUB_ADDRESS"]);
        CertsFolder = env["HUB_CERTS"];
    }

    public async Task DisposeAsync()
    {
        await RunAsync("stop");
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Stops the hub and starts it again on the same port and store; returns once it is ready.</summary>
    public Task RestartAsync() => RunAsync("restart");

    public HubClient Connect(string department, params Grpc.Core.Interceptors.Interceptor[] interceptors) =>
        HubClient.Create(new HubClientOptions
        {
            Address = Address,
            CaCertificatePath = Path.Combine(CertsFolder, "ca.crt"),
            CertificatePath = Path.Combine(CertsFolder, $"{department}.crt"),
            KeyPath = Path.Combine(CertsFolder, $"{department}.key"),
            Interceptors = interceptors,
        });

    private async Task RunAsync(string action)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [_script, action, _folder])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("bash did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"hub.sh {action} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EnterpriseHub.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("EnterpriseHub.slnx not found above the test assembly");
    }
}
