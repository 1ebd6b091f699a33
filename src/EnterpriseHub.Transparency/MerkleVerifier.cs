using System.Numerics;

namespace EnterpriseHub.Transparency;

/// <summary>
/// Checks inclusion and consistency proofs as RFC 9162 (sections 2.1.3.2 and 2.1.4.2) verifies
/// them, refusing a proof of the wrong length, a leaf or root that is not a SHA-256 hash, and a
/// consistency proof from the empty tree (every tree is consistent with it, so it proves nothing).
/// </summary>
public static class MerkleVerifier
{
    /// <summary>Throws <see cref="MerkleProofException"/> unless <paramref name="proof"/> puts the leaf at <paramref name="index"/> in the tree of <paramref name="root"/>.</summary>
    public static void VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root) =>
        Match(RootFromInclusion(index, size, leafHash, proof), root);

    /// <summary>The root that <paramref name="proof"/> leads to from the leaf.</summary>
    public static byte[] RootFromInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        if (index < 0 || index >= size)
        {
            throw new MerkleProofException($"leaf index {index} is outside a tree of size {size}");
        }

        Hash(leafHash, "the leaf hash");
        var (inner, border) = Decompose(index, size);
        if (proof.Count != inner + border)
        {
            throw new MerkleProofException($"the proof has {proof.Count} hashes; a leaf at {index} of {size} needs {inner + border}");
        }

        var hash = leafHash.ToArray();
        for (var i = 0; i < proof.Count; i++)
        {
            var sibling = Hash(proof[i], $"proof hash {i}");
            hash = i < inner && ((index >> i) & 1) == 0 ? MerkleHash.Node(hash, sibling) : MerkleHash.Node(sibling, hash);
        }

        return hash;
    }

    /// <summary>Throws <see cref="MerkleProofException"/> unless the tree of <paramref name="root2"/> extends that of <paramref name="root1"/>.</summary>
    public static void VerifyConsistency(long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (size1 < 0 || size2 < size1)
        {
            throw new MerkleProofException($"the second size ({size2}) is smaller than the first ({size1})");
        }

        if (size1 == 0)
        {
            throw new MerkleProofException("a consistency proof from the empty tree proves nothing");
        }

        if (size1 == size2)
        {
            if (proof.Count > 0)
            {
                throw new MerkleProofException("the sizes are equal, so the proof must be empty");
            }

            Match(root1.ToArray(), root2);
            return;
        }

        if (proof.Count == 0)
        {
            throw new MerkleProofException("the proof is empty");
        }

        // The first tree's root, if the first size is a power of two, is the proof's implicit first hash.
        var (inner, border) = Decompose(size1 - 1, size2);
        var shift = BitOperations.TrailingZeroCount(size1);
        inner -= shift;
        var seeded = size1 == 1L << shift;
        var start = seeded ? 0 : 1;
        if (proof.Count != start + inner + border)
        {
            throw new MerkleProofException($"the proof has {proof.Count} hashes; sizes {size1} and {size2} need {start + inner + border}");
        }

        var seed = seeded ? Hash(root1, "the first root") : Hash(proof[0], "proof hash 0");
        var mask = (size1 - 1) >> shift;
        var first = seed;
        var second = seed;
        for (var i = 0; i < inner; i++)
        {
            var sibling = Hash(proof[start + i], $"proof hash {start + i}");
            if (((mask >> i) & 1) == 1)
            {
                first = MerkleHash.Node(sibling, first);
                second = MerkleHash.Node(sibling, second);
            }
            else
            {
                second = MerkleHash.Node(second, sibling);
            }
        }

        for (var i = start + inner; i < proof.Count; i++)
        {
            var sibling = Hash(proof[i], $"proof hash {i}");
            first = MerkleHash.Node(sibling, first);
            second = MerkleHash.Node(sibling, second);
        }

        Match(first, root1, "the first root");
        Match(second, root2, "the second root");
    }

    /// <summary>
    /// The path from a leaf splits where its path and the last leaf's part: below, siblings on either
    /// side (inner); above, only left siblings, one per set bit of what remains of the index (border).
    /// </summary>
    private static (int Inner, int Border) Decompose(long index, long size)
    {
        var inner = 64 - BitOperations.LeadingZeroCount((ulong)(index ^ (size - 1)));
        var border = BitOperations.PopCount((ulong)index >> inner);
        return (inner, border);
    }

    private static byte[] Hash(ReadOnlySpan<byte> value, string what) =>
        value.Length == MerkleHash.Size ? value.ToArray() : throw new MerkleProofException($"{what} has {value.Length} bytes, not {MerkleHash.Size}");

    private static void Match(byte[] calculated, ReadOnlySpan<byte> expected, string what = "the root")
    {
        if (!calculated.AsSpan().SequenceEqual(expected))
        {
            throw new MerkleProofException($"the proof leads to {Convert.ToBase64String(calculated)}, not to {what} {Convert.ToBase64String(expected)}");
        }
    }
}
