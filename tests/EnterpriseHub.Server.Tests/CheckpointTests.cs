using EnterpriseHub.Client;
using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests;

/// <summary>
/// The hub signs checkpoints of its audit log with the dev PKI's key, under an origin of its
/// store's, and proves records against them.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string root = System.IO.Directory.CreateTempSubdirectory("hub-checkpoints-").FullName;

    private string Certs => Path.Combine(root, "certs");

    private INoteVerifier LogKey => Ed25519NoteVerifier.FromVerifierKey(File.ReadAllText(Path.Combine(Certs, "audit-log.vkey")).Trim());

    [Fact]
    public async Task GetCheckpoint_LogGrows_EachCheckpointSignedByTheDevKeyAndConsistentWithTheLast()
    {
        var sink = new CapturingSink();
        var (app, address) = await HubFixture.StartHubAsync(root, Certs, new HubSetup
        {
            Log = sink, Arguments = ["--Serilog:MinimumLevel:Override:EnterpriseHub.Server.Audit=Information"],
        });
        await using var _ = app;
        using var tax = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "tax"));
        using var portal = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "portal"));
        await PublishAsync(tax, 3);

        var first = await Checkpoints.CoveringAsync(portal, 3);
        await PublishAsync(tax, 2);
        var second = await Checkpoints.CoveringAsync(tax, 5);

        foreach (var checkpoint in new[] { first, second })
        {
            var (opened, _, _) = Checkpoint.Open(checkpoint.Note, LogKey);
            Assert.Matches("^enterprisehub\\.dev/audit/[0-9a-f]{16}$", opened.Origin);
            Assert.Equal((checkpoint.Origin, checkpoint.TreeSize, checkpoint.RootHash.ToBase64()), (opened.Origin, opened.Size, Convert.ToBase64String(opened.RootHash)));
            Assert.Empty(checkpoint.Witnesses);
            Assert.InRange(checkpoint.SignedAt.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        }

        Assert.Equal(first.Origin, second.Origin);
        var growth = await portal.Audit.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = first.TreeSize, SecondSize = second.TreeSize });
        MerkleVerifier.VerifyConsistency(
            first.TreeSize, second.TreeSize, [.. growth.Hashes.Select(h => h.ToByteArray())], first.RootHash.Span, second.RootHash.Span);
        var signed = sink.WithEventId(4101).Select(e => e.Properties["TreeSize"].ToString()).ToList();
        Assert.Contains(second.TreeSize.ToString(System.Globalization.CultureInfo.InvariantCulture), signed);
        await app.StopAsync();
    }

    [Fact]
    public async Task GetCheckpoint_NoRecordYet_NotFound()
    {
        var (app, address) = await HubFixture.StartHubAsync(root, Certs, demo: false);
        await using var _ = app;
        using var court = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "court"));

        var error = await Assert.ThrowsAsync<RpcException>(() => court.Audit.GetCheckpointAsync(new GetCheckpointRequest()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("NO_CHECKPOINT_YET", error.Reason());
        await app.StopAsync();
    }

    [Fact]
    public async Task GetInclusionProof_TreeSizeZero_ProvesAgainstTheLatestCheckpointAsOneTlogProofFile()
    {
        var (app, address) = await HubFixture.StartHubAsync(root, Certs, demo: false);
        await using var _ = app;
        using var tax = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "tax"));
        await PublishAsync(tax, 4);
        var checkpoint = await Checkpoints.CoveringAsync(tax, 4);

        var proof = await tax.Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = 2 });

        Assert.Equal((checkpoint.TreeSize, checkpoint.RootHash, checkpoint.Note), (proof.TreeSize, proof.RootHash, proof.Checkpoint));
        var file = new TlogProof(proof.LeafIndex, proof.Leaf.ToByteArray(), [.. proof.Hashes.Select(h => h.ToByteArray())], proof.Checkpoint).Format();
        var parsed = TlogProof.Parse(file);
        Assert.Equal(checkpoint.TreeSize, parsed.Verify(parsed.Extra, LogKey).Size);
        var other = proof.Leaf.ToByteArray();
        other[^1] ^= 1;
        Assert.Throws<MerkleProofException>(() => parsed.Verify(other, LogKey));
        await app.StopAsync();
    }

    [Fact]
    public async Task ARecordNewerThanTheLatestCheckpoint_NoProofYet_UntilTheNextOne()
    {
        const string hengqin = "91440402MA5HUB03XU";
        // Demo data, signed once at start; the next checkpoint is an hour away.
        var (app, address) = await HubFixture.StartHubAsync(root, Certs, new HubSetup { Demo = true, Arguments = ["--Hub:Audit:CheckpointSeconds=3600"] });
        await using var _ = app;
        using var customs = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "customs"));
        using var portal = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "portal"));
        var signed = await Checkpoints.CoveringAsync(portal, 1);
        await customs.Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = hengqin, Purpose = "inspection", OfficerId = "customs-officer-1" });

        var page = await portal.Audit.ListAccessAsync(new ListAccessRequest { Uscc = hengqin, ActingFor = hengqin, OfficerId = "staff-1" });
        var error = await Assert.ThrowsAsync<RpcException>(() => portal.Audit.GetInclusionProofAsync(new GetInclusionProofRequest
        {
            Sequence = page.Records[0].Sequence, ActingFor = hengqin, OfficerId = "staff-1",
        }).ResponseAsync);

        Assert.Equal((signed.TreeSize, signed.Note), (page.TreeSize, page.Checkpoint));
        Assert.True(page.Records[0].Sequence > page.TreeSize);
        Assert.Null(page.Records[0].Proof);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("RECORD_NOT_IN_CHECKPOINT", error.Reason());
        await app.StopAsync();
    }

    [Theory]
    [InlineData("amr", "", "")]
    [InlineData("portal", "91440115MA5HUB013L", "staff-1")]
    public async Task GetInclusionProof_TreeSizeZeroForARecordOfSomeoneElse_PermissionDenied(
        string caller, string actingFor, string officer)
    {
        var (app, address) = await HubFixture.StartHubAsync(root, Certs, demo: false);
        await using var _ = app;
        using var tax = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "tax"));
        using var attacker = HubClient.Create(HubClientOptions.FromFolder(address, Certs, caller));
        await PublishAsync(tax, 2);
        await Checkpoints.CoveringAsync(tax, 2);

        var error = await Assert.ThrowsAsync<RpcException>(() => attacker.Audit.GetInclusionProofAsync(new GetInclusionProofRequest
        {
            Sequence = 2, ActingFor = actingFor, OfficerId = officer,
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("RECORD_NOT_CONCERNED", error.Reason());
        await app.StopAsync();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public async Task GetInclusionProof_TreeSizeZeroAndNoSuchSequence_InvalidArgument(long sequence)
    {
        var (app, address) = await HubFixture.StartHubAsync(root, Certs, demo: false);
        await using var _ = app;
        using var admin = HubClient.Create(HubClientOptions.FromFolder(address, Certs, "admin"));

        var error = await Assert.ThrowsAsync<RpcException>(() => admin.Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = sequence }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        await app.StopAsync();
    }

    internal static async Task PublishAsync(HubClient tax, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await tax.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Grade(TestData.NewUscc(), $"checkpoint-{Guid.NewGuid():N}", "A") } });
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(root, recursive: true);
    }
}
