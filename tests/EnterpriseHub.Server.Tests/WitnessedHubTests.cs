extern alias witness;

using EnterpriseHub.Client;
using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;
using EnterpriseHub.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using WitnessExtensions = witness::EnterpriseHub.Witness.WitnessExtensions;

namespace EnterpriseHub.Server.Tests;

/// <summary>
/// The hub and a real witness (EnterpriseHub.Witness on Kestrel, its own key and store): the
/// witness cosigns each checkpoint it can verify as an extension of the last, and refuses one
/// after the hub's history was rewritten in its database.
/// </summary>
public sealed class WitnessedHubTests : IAsyncLifetime
{
    private const int Cosigned = 4106;
    private const int Refused = 4107;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly string root = System.IO.Directory.CreateTempSubdirectory("hub-witnessed-").FullName;
    private readonly CosignatureSigner witnessKey = new("witness.example/w1", Ed25519Key.Generate(), TimeProvider.System);
    private readonly CapturingSink sink = new();
    private WebApplication? witnessApp;
    private WebApplication? hubApp;
    private HubClient? tax;

    private string Certs => Path.Combine(root, "certs");

    private string LogVkey => File.ReadAllText(Path.Combine(Certs, "audit-log.vkey")).Trim();

    private WitnessPolicy Policy => new([CosignatureVerifier.FromVerifierKey(witnessKey.VerifierKey)], 1);

    private HubClient Tax => tax!;

    /// <summary>
    /// A hub that has signed a log of 8 records, then (its origin known) a witness of that origin,
    /// then the hub again on the same store, configured with the witness.
    /// </summary>
    public async Task InitializeAsync()
    {
        var (first, address) = await HubFixture.StartHubAsync(root, Certs, demo: false);
        string origin;
        await using (first)
        {
            using var client = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "tax"));
            await CheckpointTests.PublishAsync(client, 8);
            origin = (await Checkpoints.CoveringAsync(client, 8)).Origin;
            await first.StopAsync();
        }

        witnessApp = await StartWitnessAsync(origin);
        (hubApp, address) = await HubFixture.StartHubAsync(root, Certs, new HubSetup
        {
            Log = sink,
            Arguments =
            [
                $"--Hub:Audit:Witnesses:0:Url={witnessApp.Urls.Single()}",
                $"--Hub:Audit:Witnesses:0:VerifierKey={witnessKey.VerifierKey}",
                "--Serilog:MinimumLevel:Override:EnterpriseHub.Server.Audit=Information",
            ],
        });
        tax = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "tax"));
    }

    [Fact]
    public async Task Witness_CosignsEachCheckpoint_FromTheSizeItLastCosigned()
    {
        await WaitForCosignatureAsync(8);
        var first = await Tax.Audit.GetCheckpointAsync(new GetCheckpointRequest());
        await CheckpointTests.PublishAsync(Tax, 3);
        await WaitForCosignatureAsync(11);
        var second = await Tax.Audit.GetCheckpointAsync(new GetCheckpointRequest());

        foreach (var (checkpoint, size) in new[] { (first, 8L), (second, 11L) })
        {
            Assert.Equal(size, checkpoint.TreeSize);
            Assert.Equal([witnessKey.Name], checkpoint.Witnesses);
            var (opened, _, _) = Checkpoint.Open(checkpoint.Note, Ed25519NoteVerifier.FromVerifierKey(LogVkey), Policy);
            Assert.Equal(size, opened.Size);
        }
    }

    [Fact]
    public async Task Witness_HistoryRewrittenInTheDatabase_RefusesTheNextCheckpoint_AndTheHubLogsItAsCritical()
    {
        await WaitForCosignatureAsync(8);
        var witnessed = await Tax.Audit.GetCheckpointAsync(new GetCheckpointRequest());
        using var admin = HubClient.Create(HubClientOptions.FromFolder(HubFixture.GrpcAddressOf(hubApp!), Certs, "admin"));

        // An intruder edits record 3 and recomputes the tree's nodes above it, so that the store
        // agrees with itself again.
        Assert.Equal(1, await TestStore.ExecuteBehindTheHubAsync(root, "UPDATE audit_records SET purpose = 'rewritten' WHERE seq = 3"));
        var edited = await admin.Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = 3, TreeSize = 8 });
        await RewriteTreeAsync(edited);
        var rewritten = await admin.Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = 3, TreeSize = 8 });
        await CheckpointTests.PublishAsync(Tax, 1);
        await sink.WaitForAsync(s => s.WithEventId(Refused).Count > 0, Timeout);

        // The rewritten record proves only against the rewritten root, never the one the witness cosigned.
        Assert.Throws<MerkleProofException>(() => MerkleVerifier.VerifyInclusion(
            2, 8, MerkleHash.Leaf(rewritten.Leaf.Span), [.. rewritten.Hashes.Select(h => h.ToByteArray())], witnessed.RootHash.Span));
        var refusal = Assert.Single(sink.WithEventId(Refused));
        Assert.Equal(Serilog.Events.LogEventLevel.Fatal, refusal.Level);
        Assert.Equal(("9", "8"), (refusal.Properties["TreeSize"].ToString(), refusal.Properties["WitnessedSize"].ToString()));
        var latest = await Tax.Audit.GetCheckpointAsync(new GetCheckpointRequest());
        Assert.Equal(9, latest.TreeSize);
        Assert.Empty(latest.Witnesses);
        Assert.Throws<NoteSignatureException>(() => Checkpoint.Open(latest.Note, Ed25519NoteVerifier.FromVerifierKey(LogVkey), Policy));
    }

    public async Task DisposeAsync()
    {
        tax?.Dispose();
        foreach (var app in new[] { hubApp, witnessApp }.OfType<WebApplication>())
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(root, recursive: true);
    }

    private Task WaitForCosignatureAsync(long size) =>
        sink.WaitForAsync(s => s.WithEventId(Cosigned).Any(e => e.Properties["TreeSize"].ToString() == size.ToString(System.Globalization.CultureInfo.InvariantCulture)), Timeout);

    /// <summary>Replaces the stored nodes on the edited leaf's path (a tree of 8: every node on it is a finished one) with those of its new hash.</summary>
    private async Task RewriteTreeAsync(GetInclusionProofResponse edited)
    {
        var (hash, index) = (MerkleHash.Leaf(edited.Leaf.Span), edited.LeafIndex);
        for (var level = 0; ; level++)
        {
            var literal = TestStore.IsPostgres ? $"decode('{Convert.ToHexStringLower(hash)}', 'hex')" : $"X'{Convert.ToHexString(hash)}'";
            Assert.Equal(1, await TestStore.ExecuteBehindTheHubAsync(root, $"UPDATE audit_tree SET hash = {literal} WHERE finished = {(index + 1) << level} AND level = {level}"));
            if (level == edited.Hashes.Count)
            {
                return;
            }

            var sibling = edited.Hashes[level].Span;
            hash = index % 2 == 0 ? MerkleHash.Node(hash, sibling) : MerkleHash.Node(sibling, hash);
            index /= 2;
        }
    }

    private async Task<WebApplication> StartWitnessAsync(string origin)
    {
        var keyFile = Path.Combine(root, "witness.key");
        await File.WriteAllTextAsync(keyFile, witnessKey.ToKeyText() + "\n");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Witness:KeyFile"] = keyFile,
            ["Witness:Database"] = Path.Combine(root, "witness.db"),
            ["Witness:Logs:0:Origin"] = origin,
            ["Witness:Logs:0:VerifierKey"] = LogVkey,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WitnessExtensions.AddWitness(builder);
        var app = builder.Build();
        WitnessExtensions.MapWitness(app);
        await app.StartAsync();
        return app;
    }
}
