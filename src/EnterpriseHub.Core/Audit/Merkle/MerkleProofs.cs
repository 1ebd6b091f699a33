using EnterpriseHub.Transparency;

namespace EnterpriseHub.Core.Audit.Merkle;

/// <summary>
/// Roots and proofs of any past tree size (RFC 9162 sections 2.1.1, 2.1.3.1 and 2.1.4.1) from the
/// roots of the tree's perfect subtrees, which are final once their last leaf is in: the subtree
/// of 2^level leaves starting at leaf <c>index · 2^level</c>. A proof needs one such root per level
/// it passes, plus at most one combination of roots along the tree's right edge.
/// </summary>
/// <param name="perfect">The root of the perfect subtree at (level, index); level 0 is the leaf hashes.</param>
public sealed class MerkleProofs(Func<int, long, byte[]> perfect)
{
    /// <summary>The root of the tree of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? MerkleHash.EmptyRoot() : Subtree(0, size);
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, leaf first.</summary>
    public IReadOnlyList<byte[]> Inclusion(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of {size}");
        }

        var path = new List<byte[]>();
        Path(index, 0, size, path);
        return path;
    }

    /// <summary>The proof that the tree of <paramref name="size2"/> leaves extends the tree of <paramref name="size1"/>.</summary>
    public IReadOnlyList<byte[]> Consistency(long size1, long size2)
    {
        if (size1 <= 0 || size2 < size1)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), $"no consistency proof from size {size1} to {size2}");
        }

        var proof = new List<byte[]>();
        if (size1 < size2)
        {
            Subproof(size1, 0, size2, complete: true, proof);
        }

        return proof;
    }

    // PATH(m, D[start:start+n]), appended bottom up.
    private void Path(long m, long start, long n, List<byte[]> path)
    {
        if (n == 1)
        {
            return;
        }

        var k = Split(n);
        if (m < k)
        {
            Path(m, start, k, path);
            path.Add(Subtree(start + k, n - k));
        }
        else
        {
            Path(m - k, start + k, n - k, path);
            path.Add(Subtree(start, k));
        }
    }

    // SUBPROOF(m, D[start:start+n], b), appended bottom up.
    private void Subproof(long m, long start, long n, bool complete, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(Subtree(start, n));
            }

            return;
        }

        var k = Split(n);
        if (m <= k)
        {
            Subproof(m, start, k, complete, proof);
            proof.Add(Subtree(start + k, n - k));
        }
        else
        {
            Subproof(m - k, start + k, n - k, complete: false, proof);
            proof.Add(Subtree(start, k));
        }
    }

    // MTH(D[start:start+n]); in these recursions a subtree of 2^j leaves always starts at a multiple of 2^j.
    private byte[] Subtree(long start, long n)
    {
        if ((n & (n - 1)) == 0)
        {
            var level = long.Log2(n);
            return perfect((int)level, start >> (int)level);
        }

        var k = Split(n);
        return MerkleHash.Node(Subtree(start, k), Subtree(start + k, n - k));
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2).</summary>
    private static long Split(long n) => 1L << (int)long.Log2(n - 1);
}
