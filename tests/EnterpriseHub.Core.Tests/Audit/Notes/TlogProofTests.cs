using System.Text;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseHub.Core.Tests.Audit.Notes;

public sealed class TlogProofTests
{
    private static readonly byte[][] Leaves = [.. Enumerable.Range(0, 11).Select(i => Encoding.UTF8.GetBytes($"leaf {i}"))];
    private readonly Ed25519NoteSigner _log = new("hub.example/audit", Ed25519Key.Generate());
    private readonly CosignatureSigner _witness = new("w.example/1", Ed25519Key.Generate(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));
    private readonly MerkleProofs _tree;

    public TlogProofTests()
    {
        var hashes = Leaves.Select(l => MerkleHash.Leaf(l)).ToArray();
        _tree = new MerkleProofs((level, index) => Perfect(hashes, level, index));
    }

    private INoteVerifier LogVerifier => Ed25519NoteVerifier.FromVerifierKey(_log.VerifierKey);

    private WitnessPolicy Policy => new([CosignatureVerifier.FromVerifierKey(_witness.VerifierKey)], 1);

    [Fact]
    public void Verify_EveryLeaf_AcceptedAndRoundTrips()
    {
        var note = new Checkpoint(_log.Name, Leaves.Length, _tree.Root(Leaves.Length)).Sign(_log).AddSignatures(_witness).Format();
        for (var index = 0; index < Leaves.Length; index++)
        {
            var proof = new TlogProof(index, index % 2 == 0 ? new byte[32] : null, _tree.Inclusion(index, Leaves.Length), note);
            var text = proof.Format();
            var parsed = TlogProof.Parse(text);
            Assert.Equal(text, parsed.Format());
            Assert.Equal(Leaves.Length, parsed.Verify(Leaves[index], LogVerifier, Policy).Size);
        }
    }

    [Fact]
    public void Format_OneLeafTree_HasNoHashLines()
    {
        var note = new Checkpoint(_log.Name, 1, _tree.Root(1)).Sign(_log).Format();
        var text = new TlogProof(0, null, [], note).Format();
        Assert.StartsWith("c2sp.org/tlog-proof@v1\nindex 0\n\nhub.example/audit\n1\n", text);
        Assert.Equal(text, TlogProof.Parse(text).Format());
    }

    [Fact]
    public void Verify_OtherLeaf_RefusedByTheMerkleProof()
    {
        var note = new Checkpoint(_log.Name, Leaves.Length, _tree.Root(Leaves.Length)).Sign(_log).AddSignatures(_witness).Format();
        var proof = new TlogProof(3, null, _tree.Inclusion(3, Leaves.Length), note);
        Assert.Throws<MerkleProofException>(() => proof.Verify(Leaves[4], LogVerifier, Policy));
    }

    [Fact]
    public void Verify_NoCosignature_RefusedByThePolicy()
    {
        var note = new Checkpoint(_log.Name, Leaves.Length, _tree.Root(Leaves.Length)).Sign(_log).Format();
        var proof = new TlogProof(3, null, _tree.Inclusion(3, Leaves.Length), note);
        Assert.Throws<NoteSignatureException>(() => proof.Verify(Leaves[3], LogVerifier, Policy));
    }

    private const string Tail = "\nhub.example/audit\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 a AAAAAAA=\n";
    private const string Hash = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    [Theory]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0\n", "the proof has no blank line before its checkpoint")]
    [InlineData("c2sp.org/tlog-proof@v2\nindex 0\n" + Tail, "the proof does not start with c2sp.org/tlog-proof@v1")]
    [InlineData("c2sp.org/tlog-proof@v1\n" + Tail, "the proof has no index line")]
    [InlineData("c2sp.org/tlog-proof@v1\nextra AA==\n" + Tail, "the proof has no index line")]
    [InlineData("c2sp.org/tlog-proof@v1\nextra AA=\nindex 0\n" + Tail, "the proof's extra data is not canonical base64")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 01\n" + Tail, "the proof's index is not a decimal number without leading zeroes")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex  1\n" + Tail, "the proof's index is not a decimal number without leading zeroes")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\nAA==\n" + Tail, "an inclusion proof hash is not 32 bytes")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\n" + Hash + " \n" + Tail, "an inclusion proof hash is not canonical base64")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\nextra AA==\n" + Tail, "an inclusion proof hash is not canonical base64")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\n\nnot a note\n", "the note has no blank line before its signatures")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\n\no\n1\n\n\u2014 a AAAAAAA=\n", "a checkpoint has at least an origin, a size and a root hash line")]
    public void Parse_Malformed_RefusedWithReason(string text, string message) =>
        Assert.Equal(message, Assert.Throws<NoteFormatException>(() => TlogProof.Parse(text)).Message);

    // The perfect subtree of 2^level leaves starting at index·2^level, as the store would give it.
    private static byte[] Perfect(byte[][] hashes, int level, long index) =>
        level == 0 ? hashes[index] : MerkleHash.Node(Perfect(hashes, level - 1, 2 * index), Perfect(hashes, level - 1, 2 * index + 1));
}
