using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Core.Tests.Audit.Merkle;

public sealed class MerkleEdgeTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static byte[] LeafHash(long index) => MerkleHash.Leaf(BitConverter.GetBytes(index));

    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(1, new[] { 0 })]
    [InlineData(6, new[] { 1, 2 })]
    [InlineData(13, new[] { 0, 2, 3 })]
    public void Coordinates_Size_OneNodePerSetBitAtTheRightEdge(long size, int[] levels)
    {
        var coordinates = MerkleEdge.Coordinates(size).ToList();

        Assert.Equal(levels, coordinates.Select(c => c.Level));
        Assert.All(coordinates, c => Assert.Equal((size >> c.Level) - 1, c.Index));
    }

    [Fact]
    public void Append_GrowingFromEverySize_StoresTheNodesMerkleProofsNeeds()
    {
        for (var start = 0; start <= 40; start++)
        {
            // The nodes of the first `start` leaves, then the rest appended from the edge alone.
            var nodes = new Dictionary<(int, long), byte[]>();
            var fromEmpty = MerkleEdge.From(0, new Dictionary<int, byte[]>())!;
            var finished = new List<MerkleNode>();
            for (var i = 0; i < start; i++)
            {
                fromEmpty.Append(LeafHash(i), finished);
            }

            finished.ForEach(n => nodes.Add((n.Level, n.Index), n.Hash));
            var edge = MerkleEdge.From(start, MerkleEdge.Coordinates(start).ToDictionary(c => c.Level, c => nodes[c]))!;
            finished.Clear();
            for (long i = start; i < 64; i++)
            {
                edge.Append(LeafHash(i), finished);
            }

            finished.ForEach(n => nodes.Add((n.Level, n.Index), n.Hash));
            Assert.Equal(64 + 32 + 16 + 8 + 4 + 2 + 1, nodes.Count);
            var proofs = new MerkleProofs((level, index) => nodes[(level, index)]);
            var direct = new MerkleProofs((level, index) => Perfect(level, index));
            for (var size = 0; size <= 64; size++)
            {
                Assert.Equal(direct.Root(size), proofs.Root(size));
            }
        }
    }

    [Fact]
    public void From_ANodeMissing_IsNull()
    {
        Assert.Null(MerkleEdge.From(6, new Dictionary<int, byte[]> { [1] = LeafHash(0) }));
        Assert.Null(MerkleEdge.From(6, new Dictionary<int, byte[]> { [0] = LeafHash(0), [1] = LeafHash(1), [2] = LeafHash(2) }));
        Assert.NotNull(MerkleEdge.From(6, new Dictionary<int, byte[]> { [1] = LeafHash(0), [2] = LeafHash(1) }));
    }

    [Fact]
    public void AuditLeaf_Bytes_SaltThenTheCanonicalEncoding()
    {
        var entry = new AuditEntry(T0, "tax", "o-1", AuditActions.Read, ["91440115MA5HUB013L"], [], "case", "r", "ok");
        var salt = AuditLeaf.NewSalt();

        var bytes = AuditLeaf.Bytes(salt, 7, entry);

        Assert.Equal([.. salt, .. AuditChain.Encode(7, entry)], bytes);
        Assert.Equal(MerkleHash.Leaf(bytes), AuditLeaf.Hash(salt, 7, entry));
        Assert.NotEqual(salt, AuditLeaf.NewSalt());
        Assert.Equal(6, AuditLeaf.Index(7));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void AuditLeaf_Bytes_SaltOfAnotherSize_Refused(int length)
    {
        var entry = new AuditEntry(T0, "tax", "o-1", AuditActions.Read, [], [], "case", "r", "ok");

        Assert.Throws<ArgumentException>(() => AuditLeaf.Bytes(new byte[length], 1, entry));
    }

    // The root of the perfect subtree straight from the leaves.
    private static byte[] Perfect(int level, long index) =>
        level == 0 ? LeafHash(index) : MerkleHash.Node(Perfect(level - 1, 2 * index), Perfect(level - 1, 2 * index + 1));
}
