using EnterpriseHub.Transparency.Notes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace EnterpriseHub.Witness.Tests;

/// <summary>A real witness on Kestrel at a free loopback port, over a store that outlives restarts.</summary>
internal sealed class WitnessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WitnessServer(WebApplication app, HttpClient client) => (_app, Client) = (app, client);

    public HttpClient Client { get; }

    /// <summary>A witness of the log whose key <paramref name="logVkey"/> is, under <paramref name="origin"/> (the key's name unless given: the hub's is the name and its log id).</summary>
    public static async Task<WitnessServer> StartAsync(string directory, string logVkey, string? origin = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Witness:KeyFile"] = Path.Combine(directory, "witness.key"),
            ["Witness:Database"] = Path.Combine(directory, "witness.db"),
            ["Witness:Logs:0:Origin"] = origin ?? Ed25519NoteVerifier.FromVerifierKey(logVkey).Name,
            ["Witness:Logs:0:VerifierKey"] = logVkey,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddWitness();
        var app = builder.Build();
        app.MapWitness();
        await app.StartAsync();
        var address = app.Urls.Single(); // the port Kestrel bound for port 0
        return new(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
