using System.Security.Cryptography;

namespace EnterpriseHub.Core.Audit.Merkle;

/// <summary>The hashes of an RFC 9162 Merkle tree: SHA-256, leaves prefixed 0x00, interior nodes 0x01.</summary>
public static class MerkleHash
{
    public const int Size = 32;

    /// <summary>The root of the empty tree, SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    public static byte[] Leaf(ReadOnlySpan<byte> leaf)
    {
        var input = leaf.Length < 1024 ? stackalloc byte[leaf.Length + 1] : new byte[leaf.Length + 1];
        input[0] = 0x00;
        leaf.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

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
