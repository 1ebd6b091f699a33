using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Storage.Tests;

/// <summary>What a verifier checks of a store's audit tree, with a root computed independently of the store's nodes.</summary>
internal static class AuditTreeAssert
{
    /// <summary>
    /// Every record's leaf is its own salt followed by its encoding as stored now, its proof in
    /// the whole tree verifies against the store's root, the salts differ, and that root is the
    /// one computed from the leaves alone.
    /// </summary>
    public static async Task CoversEveryRecordAsync(IAuditStore store)
    {
        var records = await store.ReadAuditAsync(1, 100_000, CancellationToken.None);
        var size = records.Count;
        var root = await store.ReadTreeRootAsync(size, CancellationToken.None);
        var leaves = new List<byte[]>(size);
        var salts = new HashSet<string>();
        foreach (var record in records)
        {
            var inclusion = await store.ReadInclusionProofAsync(record.Sequence, size, CancellationToken.None);
            Assert.Equal(AuditLeaf.SaltSize, inclusion.Salt.Length);
            Assert.True(salts.Add(Convert.ToHexString(inclusion.Salt)), $"record {record.Sequence} repeats a salt");
            Assert.Equal([.. inclusion.Salt, .. AuditChain.Encode(record.Sequence, record.Entry)], inclusion.LeafBytes);
            Assert.Equal(record.Hash, inclusion.Record.Hash);
            MerkleVerifier.VerifyInclusion(record.Sequence - 1, size, MerkleHash.Leaf(inclusion.LeafBytes), inclusion.Proof, root);
            leaves.Add(MerkleHash.Leaf(inclusion.LeafBytes));
        }

        Assert.Equal(RootOf(leaves), root);
    }

    /// <summary>RFC 9162 section 2.1.1 as written: MTH of a list of leaf hashes, split at the largest power of two below its length.</summary>
    public static byte[] RootOf(IReadOnlyList<byte[]> leafHashes)
    {
        if (leafHashes.Count == 0)
        {
            return MerkleHash.EmptyRoot();
        }

        if (leafHashes.Count == 1)
        {
            return leafHashes[0];
        }

        var k = 1;
        while (k * 2 < leafHashes.Count)
        {
            k *= 2;
        }

        return MerkleHash.Node(RootOf([.. leafHashes.Take(k)]), RootOf([.. leafHashes.Skip(k)]));
    }
}
