using System.Buffers.Binary;
using System.Text;
using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;
using EnterpriseHub.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace EnterpriseHub.Client.Tests.Unit;

public sealed class AccessLogCheckpointTests
{
    private const string Uscc = "91440115MA5HUB013L";
    private const string Origin = "hub.example/audit/6f1c2a9e40b7d358";
    private static readonly DateTimeOffset ReadAt = new(2026, 3, 3, 9, 30, 0, TimeSpan.Zero);

    private readonly Ed25519NoteSigner _log = new("hub.example/audit", Ed25519Key.Generate());
    private readonly CosignatureSigner _witness = new("witness.example/w1", Ed25519Key.Generate(), TimeProvider.System);

    private INoteVerifier LogKey => Ed25519NoteVerifier.FromVerifierKey(_log.VerifierKey);

    private WitnessPolicy OneWitness => new([CosignatureVerifier.FromVerifierKey(_witness.VerifierKey)], 1);

    [Fact]
    public void Open_CheckpointOfThePageSignedByTheLog_OpensAndProvesItsRecords()
    {
        var (page, root) = PageOfTwo();
        page.Checkpoint = new Checkpoint(Origin, 2, root).Sign(_log).Format();

        var opened = AccessLogCheckpoint.Open(page, LogKey);

        Assert.NotNull(opened);
        Assert.Equal((Origin, 2L, "hub.example/audit"), (opened.Checkpoint.Origin, opened.Checkpoint.Size, opened.LogKeyName));
        Assert.Empty(opened.Witnesses);
        Assert.Empty(opened.Unchecked);
        Assert.All(page.Records, record => Assert.True(opened.Covers(record)));
        foreach (var record in page.Records)
        {
            opened.Verify(record, Uscc);
        }
    }

    [Fact]
    public void Open_CosignedByAPolicyWitnessAndAnUnknownKey_NamesEachApart()
    {
        var (page, root) = PageOfTwo();
        var stranger = new CosignatureSigner("stranger.example/w", Ed25519Key.Generate(), TimeProvider.System);
        page.Checkpoint = new Checkpoint(Origin, 2, root).Sign(_log).AddSignatures(_witness, stranger).Format();

        var opened = AccessLogCheckpoint.Open(page, LogKey, OneWitness)!;

        Assert.Equal(["witness.example/w1"], opened.Witnesses);
        Assert.Equal(["stranger.example/w"], opened.Unchecked);
    }

    [Fact]
    public void Open_NoCheckpointYet_IsNull()
    {
        Assert.Null(AccessLogCheckpoint.Open(new ListAccessResponse(), LogKey));
        Assert.Null(AccessLogCheckpoint.Open(new ListAccessResponse { RootHash = ByteString.CopyFrom(MerkleHash.EmptyRoot()) }, LogKey));
    }

    [Fact]
    public void Open_TreeSizeWithoutACheckpoint_Refused()
    {
        var (page, _) = PageOfTwo();

        var error = Assert.Throws<NoteSignatureException>(() => AccessLogCheckpoint.Open(page, LogKey));

        Assert.Equal("the page's proofs are against a log of 2 records, but it carries no signed checkpoint", error.Message);
    }

    [Fact]
    public void Open_SignedByAnotherKeyOfTheSameName_Refused()
    {
        var (page, root) = PageOfTwo();
        var impostor = new Ed25519NoteSigner("hub.example/audit", Ed25519Key.Generate());
        page.Checkpoint = new Checkpoint(Origin, 2, root).Sign(impostor).Format();

        var error = Assert.Throws<NoteSignatureException>(() => AccessLogCheckpoint.Open(page, LogKey));

        Assert.Equal("the note has no valid signature by a known key", error.Message);
    }

    [Fact]
    public void Open_SignatureOverOtherText_Refused()
    {
        var (page, root) = PageOfTwo();
        // The log's signature of one checkpoint under the text of another.
        var signed = new Checkpoint(Origin, 2, root).Sign(_log);
        page.Checkpoint = (signed with { Text = new Checkpoint(Origin, 2, MerkleHash.Leaf("another log"u8)).Format() }).Format();

        var error = Assert.Throws<NoteSignatureException>(() => AccessLogCheckpoint.Open(page, LogKey));

        Assert.StartsWith("the signature by hub.example/audit+", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OriginOutsideTheLogKeysName_Refused()
    {
        var (page, root) = PageOfTwo();
        page.Checkpoint = new Checkpoint("other.example/log", 2, root).Sign(_log).Format();

        var error = Assert.Throws<NoteSignatureException>(() => AccessLogCheckpoint.Open(page, LogKey));

        Assert.Equal("the checkpoint's origin other.example/log is not under the log key's name hub.example/audit", error.Message);
    }

    [Fact]
    public void Open_FewerCosignaturesThanThePolicyAsks_Refused()
    {
        var (page, root) = PageOfTwo();
        page.Checkpoint = new Checkpoint(Origin, 2, root).Sign(_log).Format();

        var error = Assert.Throws<NoteSignatureException>(() => AccessLogCheckpoint.Open(page, LogKey, OneWitness));

        Assert.Equal("0 of the 1 known witnesses cosigned; 1 are required", error.Message);
    }

    [Theory]
    [InlineData(1, false, "the signed checkpoint is of 1 records")]
    [InlineData(3, false, "the signed checkpoint is of 3 records")]
    [InlineData(2, true, "the signed checkpoint is of 2 records with root ")]
    public void Open_CheckpointOfAnotherSizeOrRoot_Refused(long size, bool otherRoot, string message)
    {
        var (page, root) = PageOfTwo();
        var signedRoot = otherRoot ? MerkleHash.Leaf("another log"u8) : root;
        page.Checkpoint = new Checkpoint(Origin, size, signedRoot).Sign(_log).Format();

        var error = Assert.Throws<NoteSignatureException>(() => AccessLogCheckpoint.Open(page, LogKey));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"the page's proofs are against 2 records with root {Convert.ToHexStringLower(root)}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a note")]
    [InlineData("hub.example/audit/6f1c2a9e40b7d358\n2\n\n— hub.example/audit AAAA\n")]
    public void Open_MalformedNote_Refused(string note)
    {
        var (page, _) = PageOfTwo();
        page.Checkpoint = note;

        Assert.Throws<NoteFormatException>(() => AccessLogCheckpoint.Open(page, LogKey));
    }

    [Fact]
    public void Open_SignedTextThatIsNoCheckpoint_Refused()
    {
        var (page, _) = PageOfTwo();
        page.Checkpoint = Note.Sign("hub.example/audit/6f1c2a9e40b7d358\ntwo\n", _log).Format();

        var error = Assert.Throws<NoteFormatException>(() => AccessLogCheckpoint.Open(page, LogKey));

        Assert.Equal("a checkpoint has at least an origin, a size and a root hash line", error.Message);
    }

    [Fact]
    public void Verify_RecordNewerThanTheCheckpoint_IsNotCoveredAndNotProven()
    {
        var (page, _) = PageOfTwo();
        var first = page.Records[1];
        var one = new ListAccessResponse { TreeSize = 1, RootHash = ByteString.CopyFrom(MerkleHash.Leaf(first.Proof.Leaf.Span)) };
        one.Checkpoint = new Checkpoint(Origin, 1, one.RootHash.ToByteArray()).Sign(_log).Format();
        var opened = AccessLogCheckpoint.Open(one, LogKey)!;

        Assert.True(opened.Covers(first));
        Assert.False(opened.Covers(page.Records[0]));
        Assert.Throws<MerkleProofException>(() => opened.Verify(page.Records[0], Uscc));
    }

    [Fact]
    public void Verify_RecordShownOtherwiseThanItsLeaf_Refused()
    {
        var (page, root) = PageOfTwo();
        page.Checkpoint = new Checkpoint(Origin, 2, root).Sign(_log).Format();
        var opened = AccessLogCheckpoint.Open(page, LogKey)!;
        var edited = page.Records[0].Clone();
        edited.Purpose = "another purpose";

        var error = Assert.Throws<MerkleProofException>(() => opened.Verify(edited, Uscc));

        Assert.Equal("record 2's leaf does not encode its purpose, request id or outcome as listed", error.Message);
    }

    /// <summary>A page of the log's only two records, newest first, each with its proof against the log of two; and that log's root.</summary>
    private static (ListAccessResponse Page, byte[] Root) PageOfTwo()
    {
        var records = new[] { Record(1, "tax"), Record(2, "customs") };
        var leaves = records.Select(r => Leaf(r, (byte)r.Sequence)).ToArray();
        var hashes = leaves.Select(l => MerkleHash.Leaf(l)).ToArray();
        for (var i = 0; i < 2; i++)
        {
            records[i].Proof = new RecordProof
            {
                Salt = ByteString.CopyFrom(leaves[i][..32]),
                Leaf = ByteString.CopyFrom(leaves[i]),
                Hashes = { ByteString.CopyFrom(hashes[1 - i]) },
            };
        }

        var root = MerkleHash.Node(hashes[0], hashes[1]);
        var page = new ListAccessResponse { TreeSize = 2, RootHash = ByteString.CopyFrom(root), Records = { records[1], records[0] } };
        return (page, root);
    }

    private static AccessRecord Record(long sequence, string department) => new()
    {
        Sequence = sequence,
        Time = Timestamp.FromDateTimeOffset(ReadAt.AddMinutes(sequence)),
        Department = department,
        OfficerId = $"{department}-0042",
        Action = "read",
        FactTypes = { "amr.business_license" },
        Purpose = "case 17",
        RequestId = $"req-{sequence}",
        Outcome = "ok",
        CorrelationId = $"corr-{sequence}",
    };

    /// <summary>The record's leaf: a salt, then its canonical encoding (docs/audit.md, version 2).</summary>
    private static byte[] Leaf(AccessRecord record, byte saltByte)
    {
        var leaf = new List<byte>(Enumerable.Repeat(saltByte, 32)) { 2 };
        void Int64(long value)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            leaf.AddRange(bytes);
        }

        void Text(string text)
        {
            Int64(Encoding.UTF8.GetByteCount(text));
            leaf.AddRange(Encoding.UTF8.GetBytes(text));
        }

        void List(IReadOnlyCollection<string> items)
        {
            Int64(items.Count);
            foreach (var item in items)
            {
                Text(item);
            }
        }

        Int64(record.Sequence);
        Int64(record.Time.ToDateTimeOffset().UtcTicks);
        Text(record.Department);
        Text(record.OfficerId);
        Text(record.Action);
        List([Uscc]);
        List(record.FactTypes);
        Text(record.Purpose);
        Text(record.RequestId);
        Text(record.Outcome);
        Text(string.Empty);
        Text(record.CorrelationId);
        return [.. leaf];
    }
}
