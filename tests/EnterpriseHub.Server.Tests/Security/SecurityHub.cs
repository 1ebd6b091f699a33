extern alias server;

using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;

namespace EnterpriseHub.Server.Tests.Security;

/// <summary>
/// A hub of its own for TLS tests: the real host with its dev PKI (CA key and CRL included) in a
/// temporary folder, TLS log lines at Information in a <see cref="LogWaiter"/>, open connections
/// rechecked every second and the TLS files polled every second.
/// </summary>
public sealed class SecurityHub : IAsyncDisposable
{
    private SecurityHub(string root) => Root = root;

    public string Root { get; }

    public string CertsFolder => Path.Combine(Root, "certs");

    public string CaPath => Path.Combine(CertsFolder, "ca.crt");

    public string CrlPath => Path.Combine(CertsFolder, "ca.crl");

    public LogWaiter Log { get; } = new();

    public WebApplication App { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    /// <summary>Starts a hub; <paramref name="prepare"/> runs on the written dev PKI first and returns extra arguments.</summary>
    public static async Task<SecurityHub> StartAsync(Func<SecurityHub, string[]>? prepare = null)
    {
        var hub = new SecurityHub(System.IO.Directory.CreateTempSubdirectory("hub-tls-").FullName);
        server::EnterpriseHub.Server.Security.DevCertificateAuthority.Write(hub.CertsFolder, server::EnterpriseHub.Server.Security.DevCertificateAuthority.DevIdentities);
        var extra = prepare?.Invoke(hub) ?? [];
        (hub.App, hub.Address) = await HubFixture.StartHubAsync(hub.Root, hub.CertsFolder, new HubSetup
        {
            Log = hub.Log,
            Arguments =
            [
                "--Hub:Tls:RecheckSeconds=1",
                "--Hub:Tls:ReloadSeconds=1",
                "--Serilog:MinimumLevel:Override:EnterpriseHub.Server.Security=Information",
                .. extra,
            ],
        });
        return hub;
    }

    /// <summary>The dev CA with its key.</summary>
    public X509Certificate2 Ca() => TestPki.DevCa(CertsFolder);

    /// <summary>Waits for the next reload of the TLS files after <paramref name="change"/>.</summary>
    public async Task ReloadAfterAsync(Action change)
    {
        var reloaded = Log.WaitAsync(1004);
        change();
        await reloaded;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Root, recursive: true);
    }
}

/// <summary>One <see cref="SecurityHub"/> shared by a test class.</summary>
public sealed class SecurityHubFixture : IAsyncLifetime
{
    public SecurityHub Hub { get; private set; } = null!;

    public async Task InitializeAsync() => Hub = await SecurityHub.StartAsync();

    public async Task DisposeAsync() => await Hub.DisposeAsync();
}
