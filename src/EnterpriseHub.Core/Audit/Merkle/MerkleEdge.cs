using System.Numerics;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Core.Audit.Merkle;

/// <summary>A finished node of a tree: the root of the perfect subtree of 2^level leaves starting at leaf index · 2^level.</summary>
public readonly record struct MerkleNode(int Level, long Index, byte[] Hash);

/// <summary>
/// The right edge of a growing tree: the roots of the perfect subtrees its leaves split into,
/// one per set bit of its size (the bit at level l is the node (l, (size &gt;&gt; l) − 1)). That
/// is all appending needs: each new leaf finishes itself and, while it completes a pair, the
/// parent of that pair.
/// </summary>
public sealed class MerkleEdge
{
    // By level: the edge's node at that level, or null where the size's bit is clear.
    private readonly byte[]?[] roots = new byte[]?[64];

    private MerkleEdge(long size) => Size = size;

    /// <summary>How many leaves the tree has.</summary>
    public long Size { get; private set; }

    /// <summary>The nodes that make up the edge of a tree of <paramref name="size"/> leaves, lowest level first.</summary>
    public static IEnumerable<(int Level, long Index)> Coordinates(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        for (var level = 0; size >> level > 0; level++)
        {
            if (((size >> level) & 1) == 1)
            {
                yield return (level, (size >> level) - 1);
            }
        }
    }

    /// <summary>The edge of a tree of <paramref name="size"/> leaves from its nodes by level; null when one is missing.</summary>
    public static MerkleEdge? From(long size, IReadOnlyDictionary<int, byte[]> nodesByLevel)
    {
        var edge = new MerkleEdge(size);
        foreach (var (level, _) in Coordinates(size))
        {
            if (!nodesByLevel.TryGetValue(level, out var hash))
            {
                return null;
            }

            edge.roots[level] = hash;
        }

        return BitOperations.PopCount((ulong)size) == nodesByLevel.Count ? edge : null;
    }

    /// <summary>Appends the next leaf; adds every node it finishes (the leaf first, then its new ancestors) to <paramref name="finished"/>.</summary>
    public void Append(byte[] leafHash, List<MerkleNode> finished)
    {
        var hash = leafHash;
        var index = Size;
        var level = 0;
        finished.Add(new MerkleNode(0, index, hash));
        while ((index & 1) == 1)
        {
            hash = MerkleHash.Node(roots[level]!, hash);
            roots[level] = null;
            index >>= 1;
            level++;
            finished.Add(new MerkleNode(level, index, hash));
        }

        roots[level] = hash;
        Size++;
    }
}
