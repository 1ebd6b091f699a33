using System.Globalization;
using EnterpriseHub.Client;
using EnterpriseHub.Server.Tests.Faults;
using EnterpriseHub.V1;
using Xunit.Abstractions;

namespace EnterpriseHub.Server.Tests.Hostile;

/// <summary>A hub in its own process for the abuse tests, holding one enterprise the ordinary calls read.</summary>
public sealed class AbuseHub : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("hub-abuse-").FullName;
    private HubProcess? _hub;

    internal HubProcess Hub => _hub!;

    public string Enterprise { get; } = TestData.NewUscc();

    public async Task InitializeAsync()
    {
        // The unread-watch test opens 100 watches as hrss at once: its watch quota and stream
        // slots are raised so that the test measures flow control, not the quotas (QuotaTests do).
        _hub = await HubProcess.StartAsync(_root, "--Hub:Quotas:Callers:hrss:Watch:PerSecond=1000", "--Hub:Quotas:Callers:hrss:MaxStreams=1000");
        await _hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Licence(Enterprise, "abuse-1") } });
    }

    /// <summary>
    /// <paramref name="calls"/> ordinary GetEnterprise calls one after another, each on a connection
    /// opened for the probe, and the hub's memory and open sockets; all must succeed.
    /// </summary>
    internal async Task<Latencies> ProbeAsync(string phase, ITestOutputHelper output, int calls = 100)
    {
        using var client = HubClient.Create(HubClientOptions.FromFolder(Hub.Address, Hub.CertsFolder, "tax"));
        var latencies = new Latencies();
        for (var i = 0; i < calls; i++)
        {
            var reply = await latencies.TimeAsync(async () => await client.Directory.GetEnterpriseAsync(
                new GetEnterpriseRequest { Uscc = Enterprise, Purpose = "abuse probe", OfficerId = "officer-9" },
                deadline: DateTime.UtcNow.AddSeconds(30)));
            Assert.Equal(Enterprise, reply.Enterprise.Uscc);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: GetEnterprise {latencies}; hub RSS {Hub.RssMiB():0} MiB; hub sockets {Hub.OpenSockets()}"));
        return latencies;
    }

    /// <summary>
    /// The hub process is alive and has logged no error. Kestrel's own line when it aborts a
    /// connection whose refusals pile up faster than the client reads them
    /// (Http2QueueOperationsExceeded, logged as critical) is its defence working, not a failure.
    /// </summary>
    internal void AssertStillServing()
    {
        Assert.False(Hub.HasExited, "the hub exited");
        var errors = Hub.Log.Split('\n')
            .Where(l => l.Contains(" ERR]", StringComparison.Ordinal) || l.Contains(" FTL]", StringComparison.Ordinal))
            .Where(l => !l.Contains("\"Http2QueueOperationsExceeded\"", StringComparison.Ordinal))
            .ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
