using System.Text;
using System.Text.Json;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Core.Tests.Audit.Merkle;

public sealed class MerkleTests
{
    private static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "Audit", "Merkle", "testdata");

    // The leaves of RFC 6962's test tree, as transparency-dev/merkle's testonly.LeafInputs() lists them.
    private static readonly byte[][] ReferenceLeaves =
        [.. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }.Select(Convert.FromHexString)];

    [Fact]
    public void Hashes_Rfc6962Vectors_Match()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex(MerkleHash.EmptyRoot()));
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Hex(MerkleHash.Leaf([])));
        Assert.Equal("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56", Hex(MerkleHash.Leaf("L123456"u8)));
        Assert.Equal("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb", Hex(MerkleHash.Node("N123"u8, "N456"u8)));
    }

    [Fact]
    public void Root_ReferenceTreeEverySize_MatchesTheKnownRoots()
    {
        string[] roots =
        [
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ];
        var tree = new PerfectNodes(ReferenceLeaves);

        for (var size = 0; size < roots.Length; size++)
        {
            Assert.Equal(roots[size], Hex(tree.Proofs.Root(size)));
        }
    }

    public static TheoryData<string> InclusionCases => Cases("inclusion");

    public static TheoryData<string> ConsistencyCases => Cases("consistency");

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void VerifyInclusion_TransparencyDevCase_AcceptsOnlyTheGoodProofs(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData, file)));
        var c = json.RootElement;

        void Verify() => MerkleVerifier.VerifyInclusion(
            Size(c, "leafIdx"), Size(c, "treeSize"), Bytes(c, "leafHash"), Proof(c), Bytes(c, "root"));

        if (c.GetProperty("wantErr").GetBoolean())
        {
            Assert.Throws<MerkleProofException>(Verify);
        }
        else
        {
            Verify();
        }
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void VerifyConsistency_TransparencyDevCase_AcceptsOnlyTheGoodProofs(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData, file)));
        var c = json.RootElement;

        void Verify() => MerkleVerifier.VerifyConsistency(
            Size(c, "size1"), Size(c, "size2"), Proof(c), Bytes(c, "root1"), Bytes(c, "root2"));

        if (c.GetProperty("wantErr").GetBoolean())
        {
            Assert.Throws<MerkleProofException>(Verify);
        }
        else
        {
            Verify();
        }
    }

    [Fact]
    public void Proofs_EveryIndexAndPairUpTo64_VerifyAgainstAnIndependentRoot_AndFailWithAnyBitFlipped()
    {
        byte[][] leaves = [.. Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes($"record {i}"))];
        var tree = new PerfectNodes(leaves);
        for (var size = 1; size <= 64; size++)
        {
            var root = ReferenceRoot(leaves.AsSpan(0, size));
            Assert.Equal(root, tree.Proofs.Root(size));
            for (var index = 0; index < size; index++)
            {
                var proof = tree.Proofs.Inclusion(index, size);
                var leaf = MerkleHash.Leaf(leaves[index]);
                MerkleVerifier.VerifyInclusion(index, size, leaf, proof, root);
                foreach (var tampered in Tampered(proof))
                {
                    Assert.Throws<MerkleProofException>(() => MerkleVerifier.VerifyInclusion(index, size, leaf, tampered, root));
                }

                if (size > 1)
                {
                    Assert.Throws<MerkleProofException>(() => MerkleVerifier.VerifyInclusion((index + 1) % size, size, leaf, proof, root));
                }
            }

            for (var first = 1; first <= size; first++)
            {
                var proof = tree.Proofs.Consistency(first, size);
                var firstRoot = ReferenceRoot(leaves.AsSpan(0, first));
                MerkleVerifier.VerifyConsistency(first, size, proof, firstRoot, root);
                foreach (var tampered in Tampered(proof))
                {
                    Assert.Throws<MerkleProofException>(() => MerkleVerifier.VerifyConsistency(first, size, tampered, firstRoot, root));
                }

                if (first < size)
                {
                    // A forked history: the same first size with another root is refused.
                    var forked = ReferenceRoot([.. leaves.AsSpan(0, first - 1), "forged"u8.ToArray()]);
                    Assert.Throws<MerkleProofException>(() => MerkleVerifier.VerifyConsistency(first, size, proof, forked, root));
                }
            }
        }
    }

    /// <summary>MTH as RFC 9162 section 2.1.1 defines it, straight from the leaves.</summary>
    private static byte[] ReferenceRoot(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 0)
        {
            return MerkleHash.EmptyRoot();
        }

        if (leaves.Length == 1)
        {
            return MerkleHash.Leaf(leaves[0]);
        }

        var k = 1;
        while (k * 2 < leaves.Length)
        {
            k *= 2;
        }

        return MerkleHash.Node(ReferenceRoot(leaves[..k]), ReferenceRoot(leaves[k..]));
    }

    /// <summary>The proof with one bit of one hash flipped, for every hash; and with a hash left out or added.</summary>
    private static IEnumerable<List<byte[]>> Tampered(IReadOnlyList<byte[]> proof)
    {
        for (var i = 0; i < proof.Count; i++)
        {
            var changed = proof.Select(h => (byte[])h.Clone()).ToList();
            changed[i][i % 32] ^= 0x10;
            yield return changed;
        }

        if (proof.Count > 0)
        {
            yield return [.. proof.Skip(1)];
        }

        yield return [.. proof, MerkleHash.Leaf("extra"u8)];
    }

    private static TheoryData<string> Cases(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestData, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestData, file));
        }

        return data;
    }

    // The cases are unsigned 64-bit; those beyond a long (e.g. 0 - 1) read as negative, which no tree has.
    private static long Size(JsonElement c, string name) => unchecked((long)c.GetProperty(name).GetUInt64());

    private static byte[] Bytes(JsonElement c, string name) =>
        c.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Convert.FromBase64String(value.GetString()!) : [];

    private static List<byte[]> Proof(JsonElement c) =>
        c.TryGetProperty("proof", out var proof) && proof.ValueKind == JsonValueKind.Array
            ? [.. proof.EnumerateArray().Select(h => h.ValueKind == JsonValueKind.String ? Convert.FromBase64String(h.GetString()!) : [])]
            : [];

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();

    /// <summary>The perfect subtrees' roots of a tree held in memory, level by level.</summary>
    private sealed class PerfectNodes
    {
        private readonly List<List<byte[]>> levels = [];

        public PerfectNodes(byte[][] leaves)
        {
            levels.Add([.. leaves.Select(l => MerkleHash.Leaf(l))]);
            while (levels[^1].Count > 1)
            {
                var below = levels[^1];
                levels.Add([.. Enumerable.Range(0, below.Count / 2).Select(i => MerkleHash.Node(below[2 * i], below[2 * i + 1]))]);
            }

            Proofs = new MerkleProofs((level, index) => levels[level][(int)index]);
        }

        public MerkleProofs Proofs { get; }
    }
}
