using System.Security.Cryptography;
using EnterpriseHub.Client;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Transparency;
using EnterpriseHub.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests;

/// <summary>
/// The audit log's Merkle proofs over the wire: each verified here with the verifier and the
/// record as the store holds it, and every caller the record does not concern refused.
/// </summary>
public sealed class AuditProofTests(SharingFixture hub) : IClassFixture<SharingFixture>
{
    private const string Hengqin = "91440402MA5HUB03XU";
    private const string Nansha = "91440115MA5HUB013L";

    private IAuditStore Store => hub.Services.GetRequiredService<IAuditStore>();

    [Theory]
    [InlineData("customs", "", "")]
    [InlineData("portal", Hengqin, "staff-1")]
    [InlineData("admin", "", "")]
    public async Task GetInclusionProof_ForWhomTheRecordConcerns_VerifiesAgainstTheRootOfTheLog(string caller, string actingFor, string officer)
    {
        var sequence = await CustomsReadsHengqinAsync();
        var size = Store.Head.Sequence;

        var proof = await hub.Client(caller).Audit.GetInclusionProofAsync(new GetInclusionProofRequest
        {
            Sequence = sequence, TreeSize = size, ActingFor = actingFor, OfficerId = officer,
        });

        var record = Assert.Single(await Store.ReadAuditAsync(sequence, 1, CancellationToken.None));
        Assert.Equal((sequence, sequence - 1, size), (proof.Sequence, proof.LeafIndex, proof.TreeSize));
        Assert.Equal(32, proof.Salt.Length);
        Assert.Equal([.. proof.Salt, .. AuditChain.Encode(sequence, record.Entry)], proof.Leaf.ToByteArray());
        var leafHash = SHA256.HashData([0x00, .. proof.Leaf.ToByteArray()]);
        MerkleVerifier.VerifyInclusion(proof.LeafIndex, proof.TreeSize, leafHash, [.. proof.Hashes.Select(h => h.ToByteArray())], proof.RootHash.Span);
        var log = await hub.Client("court").Audit.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = size, SecondSize = size });
        Assert.Equal(log.SecondRootHash, proof.RootHash);
    }

    [Fact]
    public async Task GetInclusionProof_AnOlderSizeOfTheLog_ProvesTheSameLeafAgainstThatRoot()
    {
        var sequence = await CustomsReadsHengqinAsync();
        await CustomsReadsHengqinAsync();
        var later = Store.Head.Sequence;

        var early = await hub.Client("customs").Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = sequence, TreeSize = sequence });
        var now = await hub.Client("customs").Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = sequence, TreeSize = later });
        var growth = await hub.Client("customs").Audit.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = sequence, SecondSize = later });

        Assert.Equal(early.Leaf, now.Leaf);
        Assert.NotEqual(early.RootHash, now.RootHash);
        Assert.Equal((early.RootHash, now.RootHash), (growth.FirstRootHash, growth.SecondRootHash));
        MerkleVerifier.VerifyConsistency(sequence, later, [.. growth.Hashes.Select(h => h.ToByteArray())], growth.FirstRootHash.Span, growth.SecondRootHash.Span);
    }

    [Fact]
    public async Task ListAccess_EachRecordCarriesItsProof_AgainstTheRootOfTheLatestSignedCheckpoint()
    {
        await CustomsReadsHengqinAsync();

        var page = await ListAccessSignedAsync(Hengqin);

        Assert.NotEmpty(page.Records);
        Assert.True(page.TreeSize >= page.Records.Max(r => r.Sequence));
        var checkpoint = await hub.Client("portal").Audit.GetCheckpointAsync(new GetCheckpointRequest());
        Assert.Equal((checkpoint.TreeSize, checkpoint.RootHash, checkpoint.Note), (page.TreeSize, page.RootHash, page.Checkpoint));
        foreach (var record in page.Records)
        {
            var stored = Assert.Single(await Store.ReadAuditAsync(record.Sequence, 1, CancellationToken.None));
            Assert.Equal([.. record.Proof.Salt, .. AuditChain.Encode(record.Sequence, stored.Entry)], record.Proof.Leaf.ToByteArray());
            MerkleVerifier.VerifyInclusion(
                record.Sequence - 1, page.TreeSize, MerkleHash.Leaf(record.Proof.Leaf.Span), [.. record.Proof.Hashes.Select(h => h.ToByteArray())], page.RootHash.Span);
        }
    }

    [Fact]
    public async Task AccessRecordProof_RecordsAsListed_VerifyAndAnyFieldChangedFails()
    {
        await CustomsReadsHengqinAsync();
        var page = await ListAccessSignedAsync(Hengqin);
        foreach (var record in page.Records)
        {
            AccessRecordProof.Verify(record, Hengqin, page.TreeSize, page.RootHash.Span);
        }

        var shown = page.Records[0];
        Action<AccessRecord>[] edits =
        [
            r => r.Purpose += " (edited)", r => r.Department = "court", r => r.OfficerId = "someone-else", r => r.FactTypes.Add("court.judgment"),
            r => r.Time = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(r.Time.ToDateTimeOffset().AddSeconds(1)),
            r => r.Sequence += 1, r => r.Outcome = "not_found", r => r.CorrelationId = "other",
            r => r.Proof.Hashes[0] = Google.Protobuf.ByteString.CopyFrom(new byte[32]),
            r => r.Proof.Salt = Google.Protobuf.ByteString.CopyFrom(new byte[32]),
        ];
        foreach (var edit in edits)
        {
            var copy = shown.Clone();
            edit(copy);
            Assert.Throws<MerkleProofException>(() => AccessRecordProof.Verify(copy, Hengqin, page.TreeSize, page.RootHash.Span));
        }

        Assert.Throws<MerkleProofException>(() => AccessRecordProof.Verify(shown, Nansha, page.TreeSize, page.RootHash.Span));
        Assert.Throws<MerkleProofException>(() => AccessRecordProof.Verify(shown, Hengqin, page.TreeSize + 1, page.RootHash.Span));
    }

    [Fact]
    public async Task BatchRead_EachEnterpriseGetsARecordOfItsOwn_SoItsProofNamesNoOther()
    {
        var before = Store.Head.Sequence;

        await hub.Client("customs").Directory.BatchGetEnterprisesAsync(new BatchGetEnterprisesRequest
        {
            Usccs = { Hengqin, Nansha, TestData.NewUscc() }, Purpose = "batch inspection", OfficerId = "customs-officer-2",
        });

        var written = await Store.ReadAuditAsync(before + 1, 10, CancellationToken.None);
        // One record for each enterprise found, and one naming none that counts the code not found.
        Assert.Equal(new[] { "", Nansha, Hengqin }.Order(StringComparer.Ordinal), written.Select(r => string.Join(",", r.Entry.Usccs)).Order(StringComparer.Ordinal));
        var page = await ListAccessSignedAsync(Hengqin);
        var mine = page.Records.First(r => r.Purpose == "batch inspection");
        AccessRecordProof.Verify(mine, Hengqin, page.TreeSize, page.RootHash.Span);
        Assert.False(mine.Proof.Leaf.Span.IndexOf(System.Text.Encoding.UTF8.GetBytes(Nansha)) >= 0, "the leaf names another enterprise of the batch");
    }

    [Theory]
    [InlineData("tax", "", "")]
    [InlineData("portal", Nansha, "staff-1")]
    public async Task GetInclusionProof_ARecordOfSomeoneElse_PermissionDeniedAndTheAttemptAudited(string caller, string actingFor, string officer)
    {
        var sequence = await CustomsReadsHengqinAsync();
        var before = Store.Head.Sequence;

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client(caller).Audit.GetInclusionProofAsync(new GetInclusionProofRequest
        {
            Sequence = sequence, TreeSize = before, ActingFor = actingFor, OfficerId = officer,
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("RECORD_NOT_CONCERNED", error.Reason());
        // Audited naming no enterprise: a refused call writes one record, however many the proven record names.
        var refusal = (await Store.ReadAuditAsync(before + 1, 10, CancellationToken.None)).Single(r => r.Entry.Caller == caller);
        Assert.Equal((AuditActions.Refusal, $"inclusion proof of record {sequence}"), (refusal.Entry.Action, refusal.Entry.Purpose));
        Assert.Empty(refusal.Entry.Usccs);
    }

    [Fact]
    public async Task ARecordNamingSeveralEnterprises_NoProofForThePortal_ItsLeafWouldNameTheOthers()
    {
        // As a hub wrote a batch read before each enterprise got its own record.
        var written = await Store.AppendAuditAsync(
            [new AuditEntry(DateTimeOffset.UtcNow, "customs", "customs-officer-4", AuditActions.Read, [Nansha, TestData.NewUscc()], ["amr.business_license"],
                "old batch", "req-old-batch", "ok")],
            CancellationToken.None);
        var sequence = written[0].Sequence;

        var page = await ListAccessSignedAsync(Nansha);
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("portal").Audit.GetInclusionProofAsync(new GetInclusionProofRequest
        {
            Sequence = sequence, TreeSize = Store.Head.Sequence, ActingFor = Nansha, OfficerId = "staff-1",
        }).ResponseAsync);

        var listed = page.Records.Single(r => r.Sequence == sequence);
        Assert.Null(listed.Proof);
        Assert.All(page.Records.Where(r => r.Sequence != sequence), r => Assert.NotNull(r.Proof));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        var admin = await hub.Client("admin").Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = sequence, TreeSize = sequence });
        Assert.Equal(sequence, admin.Sequence);
    }

    [Fact]
    public async Task GetInclusionProof_PortalForAnotherEnterprisesPublish_PermissionDenied()
    {
        // A publish names the enterprise but is not in its access log: the portal proves only what ListAccess shows.
        var before = Store.Head.Sequence;
        await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Grade(Hengqin, $"proof-{before}", "B") } });
        var publish = (await Store.ReadAuditAsync(before + 1, 10, CancellationToken.None)).Single(r => r.Entry.Action == AuditActions.Publish);

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("portal").Audit.GetInclusionProofAsync(new GetInclusionProofRequest
        {
            Sequence = publish.Sequence, TreeSize = publish.Sequence, ActingFor = Hengqin, OfficerId = "staff-1",
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        var own = await hub.Client("tax").Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = publish.Sequence, TreeSize = publish.Sequence });
        Assert.Equal(publish.Sequence, own.Sequence);
    }

    [Theory]
    [InlineData(0L, 0L, "sequence")]
    [InlineData(-1L, 5L, "sequence")]
    [InlineData(6L, 5L, "sequence")]
    [InlineData(1L, long.MaxValue, "tree_size")]
    public async Task GetInclusionProof_OutsideTheLog_InvalidArgumentNamingTheField(long sequence, long treeSize, string field)
    {
        await CustomsReadsHengqinAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("admin").Audit.GetInclusionProofAsync(
            new GetInclusionProofRequest { Sequence = sequence, TreeSize = treeSize }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, Assert.Single(error.FieldViolations()).Field);
    }

    [Theory]
    [InlineData(0L, 1L, "first_size")]
    [InlineData(3L, 2L, "first_size")]
    [InlineData(1L, long.MaxValue, "tree_size")]
    public async Task GetConsistencyProof_OutsideTheLog_InvalidArgumentNamingTheField(long first, long second, string field)
    {
        await CustomsReadsHengqinAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("portal").Audit.GetConsistencyProofAsync(
            new GetConsistencyProofRequest { FirstSize = first, SecondSize = second }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, Assert.Single(error.FieldViolations()).Field);
    }

    /// <summary>customs reads Hengqin; the sequence of its read record.</summary>
    /// <summary>The portal's first page of the enterprise's access log, once a signed checkpoint covers every record written so far.</summary>
    private async Task<ListAccessResponse> ListAccessSignedAsync(string uscc)
    {
        await Checkpoints.CoveringAsync(hub.Client("admin"), Store.Head.Sequence, hub.Clock);
        return await hub.Client("portal").Audit.ListAccessAsync(new ListAccessRequest { Uscc = uscc, ActingFor = uscc, OfficerId = "staff-1" });
    }

    private async Task<long> CustomsReadsHengqinAsync()
    {
        await hub.Client("customs").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = Hengqin, Purpose = "inspection 7", OfficerId = "customs-officer-1" });
        return (await Store.ListReadsAsync(Hengqin, 1, null, CancellationToken.None))[0].Sequence;
    }
}
