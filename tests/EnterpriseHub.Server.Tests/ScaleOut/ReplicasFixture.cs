using EnterpriseHub.Client;
using Microsoft.AspNetCore.Builder;

namespace EnterpriseHub.Server.Tests.ScaleOut;

/// <summary>
/// Two hub replicas, A and B — the real host each, on its own port — sharing one PostgreSQL
/// database and one Redis of their own (<see cref="TestServices"/>), with the demo zone that A
/// loads at its start. Each replica's log events are kept.
/// </summary>
public sealed class ReplicasFixture : IAsyncLifetime
{
    private readonly Dictionary<(char, string), HubClient> clients = [];
    private readonly List<WebApplication> apps = [];
    private readonly Dictionary<char, Uri> addresses = [];

    public string Root { get; } = System.IO.Directory.CreateTempSubdirectory("hub-replicas-").FullName;

    public TestServices Services { get; private set; } = null!;

    public CapturingSink LogA { get; } = new();

    public CapturingSink LogB { get; } = new();

    private string Certs => Path.Combine(Root, "certs");

    public async Task InitializeAsync()
    {
        Services = await TestServices.StartAsync();
        addresses['A'] = await StartAsync('A', LogA);
        addresses['B'] = await StartAsync('B', LogB);
    }

    /// <summary>A client of <paramref name="replica"/> ('A' or 'B') authenticated as <paramref name="department"/>.</summary>
    public HubClient Client(char replica, string department)
    {
        lock (clients)
        {
            if (!clients.TryGetValue((replica, department), out var client))
            {
                client = HubClient.Create(HubClientOptions.FromFolder(addresses[replica], Certs, department));
                clients[(replica, department)] = client;
            }

            return client;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        System.IO.Directory.Delete(Root, recursive: true);
    }

    private async Task<Uri> StartAsync(char replica, CapturingSink log)
    {
        var (app, address) = await HubFixture.StartHubAsync(Path.Combine(Root, replica.ToString()), Certs, new HubSetup
        {
            Demo = true,
            Log = log,
            Arguments =
            [
                "--Hub:Storage:Provider=postgres",
                $"--Hub:Storage:Postgres:ConnectionString={Services.Postgres}",
                $"--Hub:Cache:Redis={Services.Redis}",
                "--Hub:Cache:RetrySeconds=0.2",
                "--Hub:Cache:KeyPrefix=hub:",
                "--Serilog:MinimumLevel:Default=Information",
                "--Serilog:MinimumLevel:Override:Microsoft=Warning",
                "--Serilog:MinimumLevel:Override:Grpc=Warning",
            ],
        });
        apps.Add(app);
        return address;
    }
}
