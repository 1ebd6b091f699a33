using System.Security.Cryptography;

namespace EnterpriseHub.Transparency;

/// <summary>The hashes of an RFC 9162 Merkle tree: SHA-256, leaves prefixed 0x00, interior nodes 0x01.</summary>
public static class MerkleHash
{
    /// <summary>The length of every hash in the tree, in bytes.</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree, SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    /// <summary>The hash of a leaf: SHA-256(0x00 ‖ leaf).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> leaf)
    {
        var input = leaf.Length < 1024 ? stackalloc byte[leaf.Length + 1] : new byte[leaf.Length + 1];
        input[0] = 0x00;
        leaf.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

    /// <summary>The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var length = 1 + left.Length + right.Length;
        var input = length <= 1 + 2 * Size ? stackalloc byte[length] : new byte[length];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + left.Length)..]);
        return SHA256.HashData(input);
    }
}
