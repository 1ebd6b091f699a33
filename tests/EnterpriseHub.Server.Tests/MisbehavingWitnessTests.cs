using EnterpriseHub.Client;
using EnterpriseHub.Transparency.Notes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EnterpriseHub.Server.Tests;

/// <summary>
/// Witnesses that answer too much, a forged cosignature or an error, and one that is not there:
/// each is logged for what it is, no cosignature is kept, and the hub goes on signing.
/// </summary>
public sealed class MisbehavingWitnessTests : IAsyncLifetime
{
    private readonly string root = System.IO.Directory.CreateTempSubdirectory("hub-bad-witnesses-").FullName;
    private readonly CapturingSink sink = new();
    private readonly List<WebApplication> apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Witnesses_TooLongReplyForgedCosignatureErrorOrNoAnswer_EachLogged_NothingKept_SigningGoesOn()
    {
        var forger = new CosignatureSigner("forger.example/w", Ed25519Key.Generate(), TimeProvider.System);
        string[] names = ["flood.example/w", "forger.example/w", "broken.example/w", "absent.example/w"];
        var keys = names.Select(n => n == forger.Name ? forger.VerifierKey : new CosignatureSigner(n, Ed25519Key.Generate(), TimeProvider.System).VerifierKey).ToList();
        // The forger signs with another key under its own name.
        var impostor = new CosignatureSigner(forger.Name, Ed25519Key.Generate(), TimeProvider.System);
        var urls = new[]
        {
            await ServeAsync(_ => Results.Text(new string('x', 1 << 20))),
            await ServeAsync(async request =>
            {
                var note = await new StreamReader(request.Body).ReadToEndAsync();
                var checkpoint = note[(note.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
                return Results.Text(Note.Sign(Note.Parse(checkpoint).Text, impostor).Signatures[0].Format() + "\n");
            }),
            await ServeAsync(_ => Results.Text("out of order\n", statusCode: 500)),
            "http://127.0.0.1:1",
        };
        var certs = Path.Combine(root, "certs");
        var (app, address) = await HubFixture.StartHubAsync(root, certs, new HubSetup
        {
            Log = sink,
            Arguments =
            [
                .. urls.SelectMany((url, i) => new[] { $"--Hub:Audit:Witnesses:{i}:Url={url}", $"--Hub:Audit:Witnesses:{i}:VerifierKey={keys[i]}" }),
                "--Hub:Audit:WitnessTimeoutSeconds=5",
                "--Serilog:MinimumLevel:Override:EnterpriseHub.Server.Audit=Information",
            ],
        });
        apps.Add(app);
        using var tax = HubClient.Create(HubClientOptions.FromFolder(address, certs, "tax"));
        await CheckpointTests.PublishAsync(tax, 2);
        await Checkpoints.CoveringAsync(tax, 2);
        await CheckpointTests.PublishAsync(tax, 1);

        await sink.WaitForAsync(s => s.WithEventId(4101).Count >= 2 && Witness(s, 4111, names[0]) && Witness(s, 4110, names[1])
            && Witness(s, 4109, names[2]) && Witness(s, 4111, names[3]), TimeSpan.FromSeconds(30));

        var latest = await Checkpoints.CoveringAsync(tax, 3);
        Assert.Empty(latest.Witnesses);
        Assert.Empty(sink.WithEventId(4106));
    }

    public async Task DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(root, recursive: true);
    }

    private static bool Witness(CapturingSink sink, int eventId, string name) =>
        sink.WithEventId(eventId).Any(e => e.Properties["Witness"].ToString() == $"\"{name}\"");

    /// <summary>A stand-in witness on a free loopback port answering every <c>add-checkpoint</c> with <paramref name="answer"/>.</summary>
    private async Task<string> ServeAsync(Func<HttpRequest, Task<IResult>> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/add-checkpoint", answer);
        await app.StartAsync();
        apps.Add(app);
        return app.Urls.Single();
    }

    private Task<string> ServeAsync(Func<HttpRequest, IResult> answer) => ServeAsync(request => Task.FromResult(answer(request)));
}
