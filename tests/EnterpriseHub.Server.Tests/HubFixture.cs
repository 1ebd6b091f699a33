extern alias server;

using System.Collections.Concurrent;
using EnterpriseHub.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using DevCertificateAuthority = server::EnterpriseHub.Server.Security.DevCertificateAuthority;
using HubApplication = server::EnterpriseHub.Server.Hosting.HubApplication;

namespace EnterpriseHub.Server.Tests;

/// <summary>
/// The real hub (Program's host, Kestrel, mutual TLS) on a free loopback port, in Development
/// so that it writes its dev PKI on first run and loads a small demo zone, with its store in a
/// temporary folder.
/// </summary>
public sealed class HubFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, HubClient> _clients = new();
    private WebApplication? _app;

    public string Root { get; } = System.IO.Directory.CreateTempSubdirectory("hub-tests-").FullName;

    public string CertsFolder => Path.Combine(Root, "certs");

    public Uri Address { get; private set; } = null!;

    /// <summary>The hub's plain-HTTP operations endpoint (/healthz, /readyz, /metrics).</summary>
    public Uri OperationsAddress => OperationsAddressOf(_app!);

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        (_app, Address) = await StartHubAsync(Root, CertsFolder, demo: true);
    }

    /// <summary>A shared client authenticated as <paramref name="department"/>.</summary>
    public HubClient Client(string department) =>
        _clients.GetOrAdd(department, d => HubClient.Create(HubClientOptions.FromFolder(Address, CertsFolder, d)));

    /// <summary>Starts a hub on a free port; the caller owns (and stops) it.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartHubAsync(
        string root, string certsFolder, bool demo, params string[] extraArgs) =>
        await StartHubAsync(root, certsFolder, demo, configure: null, extraArgs);

    /// <summary>Starts a hub on a free port with last changes to its builder; the caller owns (and stops) it.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartHubAsync(
        string root, string certsFolder, bool demo, Action<WebApplicationBuilder>? configure, params string[] extraArgs)
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
            $"--Hub:Demo:Enabled={demo}",
            "--Hub:Demo:EnterprisesPerZone=40",
            "--Serilog:MinimumLevel:Default=Warning",
            // Every hub of the test process gets an operations port of its own, and stops at once.
            "--Hub:Operations:Listen=127.0.0.1:0",
            "--Hub:Operations:DrainSeconds=0",
            .. extraArgs,
        ];
        var app = await HubApplication.BuildAsync(args, configure);
        await app.StartAsync();
        return (app, GrpcAddressOf(app));
    }

    /// <summary>The hub's gRPC address: its one TLS listener.</summary>
    public static Uri GrpcAddressOf(WebApplication app) => new(Addresses(app).Single(a => a.StartsWith("https://", StringComparison.Ordinal)));

    /// <summary>The hub's operations address: its one plain-HTTP listener.</summary>
    public static Uri OperationsAddressOf(WebApplication app) => OperationsAddressOf(app.Services);

    /// <summary>The operations address of the hub whose services these are.</summary>
    public static Uri OperationsAddressOf(IServiceProvider hub) => new(Addresses(hub).Single(a => a.StartsWith("http://", StringComparison.Ordinal)));

    private static ICollection<string> Addresses(WebApplication app) => Addresses(app.Services);

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

    public async Task DisposeAsync()
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
}

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubFixture>
{
    public const string Name = "hub";
}
