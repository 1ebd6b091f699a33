extern alias server;

using System.Collections.Concurrent;
using EnterpriseHub.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using DevCertificateAuthority = server::EnterpriseHub.Server.Security.DevCertificateAuthority;
using HubApplication = server::EnterpriseHub.Server.Hosting.HubApplication;

namespace EnterpriseHub.Server.Tests;

/// <summary>
/// The real hub (Program's host, Kestrel, mutual TLS) on a free loopback port, in Development
/// so that it writes its dev PKI on first run, with its store in a temporary folder, as a
/// <see cref="HubSetup"/> describes it. Without a setup (the shared <see cref="HubCollection"/>)
/// it loads the demo zone; a test class that needs a hub of its own derives a fixture that
/// names its setup.
/// </summary>
public class HubFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, HubClient> _clients = new();
    private WebApplication? _app;

    /// <summary>The shared hub: the demo zone on the system clock. (xUnit wants one public constructor.)</summary>
    public HubFixture()
        : this(new HubSetup { Demo = true })
    {
    }

    protected HubFixture(HubSetup setup) => Setup = setup;

    public HubSetup Setup { get; }

    public string Root { get; } = System.IO.Directory.CreateTempSubdirectory("hub-tests-").FullName;

    public string CertsFolder => Path.Combine(Root, "certs");

    public Uri Address { get; private set; } = null!;

    /// <summary>The hub's plain-HTTP operations endpoint (/healthz, /readyz, /metrics).</summary>
    public Uri OperationsAddress => OperationsAddressOf(_app!);

    public IServiceProvider Services => _app!.Services;

    /// <summary>The hub's clock, for a setup that gave it one.</summary>
    public FakeTimeProvider Clock => Setup.Clock ?? throw new InvalidOperationException("this hub runs on the system clock");

    public virtual async Task InitializeAsync()
    {
        (_app, Address) = await StartHubAsync(Root, CertsFolder, Setup, Configure);
    }

    /// <summary>A shared client authenticated as <paramref name="department"/>.</summary>
    public HubClient Client(string department) =>
        _clients.GetOrAdd(department, d => HubClient.Create(HubClientOptions.FromFolder(Address, CertsFolder, d)));

    /// <summary>Starts a hub on a free port; the caller owns (and stops) it.</summary>
    public static Task<(WebApplication App, Uri Address)> StartHubAsync(
        string root, string certsFolder, bool demo, params string[] extraArgs) =>
        StartHubAsync(root, certsFolder, new HubSetup { Demo = demo, Arguments = extraArgs });

    /// <summary>Starts a hub on a free port with last changes to its builder; the caller owns (and stops) it.</summary>
    public static Task<(WebApplication App, Uri Address)> StartHubAsync(
        string root, string certsFolder, bool demo, Action<WebApplicationBuilder>? configure, params string[] extraArgs) =>
        StartHubAsync(root, certsFolder, new HubSetup { Demo = demo, Arguments = extraArgs }, configure);

    /// <summary>Starts a hub as <paramref name="setup"/> describes, with last changes to its builder; the caller owns (and stops) it.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartHubAsync(
        string root, string certsFolder, HubSetup setup, Action<WebApplicationBuilder>? configure = null)
    {
        string[] args =
        [
            "--environment=Development",
            "--Hub:Tls:Listen=127.0.0.1:0",
            $"--Hub:Tls:DevCertificatesFolder={certsFolder}",
            $"--Hub:Tls:CertificatePath={Path.Combine(certsFolder, "hub.crt")}",
            $"--Hub:Tls:KeyPath={Path.Combine(certsFolder, "hub.key")}",
            $"--Hub:Tls:ClientCaPath={Path.Combine(certsFolder, "ca.crt")}",
            $"--Hub:Tls:CrlPaths:0={Path.Combine(certsFolder, "ca.crl")}",
            .. await TestStore.ArgumentsAsync(root),
            $"--Hub:Demo:Enabled={setup.Demo}",
            "--Hub:Demo:EnterprisesPerZone=40",
            "--Serilog:MinimumLevel:Default=Warning",
            // Every hub of the test process gets an operations port of its own, and stops at once.
            "--Hub:Operations:Listen=127.0.0.1:0",
            "--Hub:Operations:DrainSeconds=0",
            // Checkpoints follow the log closely, so a test waits a fraction of a second for one.
            "--Hub:Audit:CheckpointSeconds=0.2",
            .. setup.Arguments,
        ];
        var app = await HubApplication.BuildAsync(args, builder =>
        {
            if (setup.Clock is { } clock)
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
            }

            if (setup.Log is { } log)
            {
                builder.Services.AddSingleton(log);
            }

            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return (app, GrpcAddressOf(app));
    }

    /// <summary>The hub's gRPC address: its one TLS listener.</summary>
    public static Uri GrpcAddressOf(WebApplication app) => new(Addresses(app.Services).Single(a => a.StartsWith("https://", StringComparison.Ordinal)));

    /// <summary>The hub's operations address: its one plain-HTTP listener.</summary>
    public static Uri OperationsAddressOf(WebApplication app) => OperationsAddressOf(app.Services);

    /// <summary>The operations address of the hub whose services these are.</summary>
    public static Uri OperationsAddressOf(IServiceProvider hub) => new(Addresses(hub).Single(a => a.StartsWith("http://", StringComparison.Ordinal)));

    private static ICollection<string> Addresses(IServiceProvider hub) =>
        hub.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;

    /// <summary>Writes a second, unrelated CA with its own client certificates.</summary>
    public string WriteForeignPki()
    {
        var folder = Path.Combine(Root, "foreign-certs");
        if (!File.Exists(Path.Combine(folder, "tax.crt")))
        {
            DevCertificateAuthority.Write(folder, ["tax"], "Some Other CA");
        }

        return folder;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Root, recursive: true);
    }

    /// <summary>Last changes to the host's builder, for a fixture that replaces one of the hub's services.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubFixture>
{
    public const string Name = "hub";
}
