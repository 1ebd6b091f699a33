using System.Collections.Concurrent;
using EnterpriseHub.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests;

/// <summary>A clock the tests move by hand: grants expire when a test says so, not when a wall clock does.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

/// <summary>
/// A hub of its own for one test class: the real host on a free port with its own store and
/// dev PKI in a temporary folder, and a shared client per department.
/// </summary>
public abstract class OwnHubFixture(bool demo) : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, HubClient> clients = new();
    private WebApplication? app;

    public string Root { get; } = System.IO.Directory.CreateTempSubdirectory("hub-own-").FullName;

    public string CertsFolder => Path.Combine(Root, "certs");

    public IServiceProvider Services => app!.Services;

    public Uri Address { get; private set; } = null!;

    /// <summary>The hub's plain-HTTP operations endpoint (/healthz, /readyz, /metrics).</summary>
    public Uri OperationsAddress => HubFixture.OperationsAddressOf(app!);

    public async Task InitializeAsync()
    {
        (app, Address) = await HubFixture.StartHubAsync(Root, CertsFolder, demo, Configure, Arguments);
    }

    public HubClient Client(string department) =>
        clients.GetOrAdd(department, d => HubClient.Create(HubClientOptions.FromFolder(Address, CertsFolder, d)));

    public async Task DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Root, recursive: true);
    }

    /// <summary>Configuration arguments after the fixture's own.</summary>
    protected virtual string[] Arguments => [];

    /// <summary>Last changes to the host's builder.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }
}

/// <summary>A hub of its own with the demo zone, on a clock the tests control.</summary>
public sealed class SharingFixture() : OwnHubFixture(demo: true)
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton<TimeProvider>(Clock);
}
