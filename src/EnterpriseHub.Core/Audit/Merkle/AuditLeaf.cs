using System.Security.Cryptography;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Core.Audit.Merkle;

/// <summary>
/// The audit log's Merkle leaves: the record at sequence s is leaf s − 1 (so a tree of n leaves
/// covers records 1..n), and its leaf bytes are its 32-byte salt followed by its canonical
/// encoding (<see cref="AuditChain.Encode(long, AuditEntry)"/>). The salt is random per record
/// and stored beside it, so the sibling hashes in a proof handed to one enterprise cannot be
/// tested against guesses of the records next to it.
/// </summary>
public static class AuditLeaf
{
    public const int SaltSize = 32;

    /// <summary>A fresh salt for a new record.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltSize);

    /// <summary>The leaf index of the record at <paramref name="sequence"/>.</summary>
    public static long Index(long sequence) => sequence - 1;

    /// <summary>salt ‖ canonical encoding: what a verifier hashes as the leaf.</summary>
    public static byte[] Bytes(ReadOnlySpan<byte> salt, long sequence, AuditEntry entry)
    {
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"a leaf's salt has {SaltSize} bytes, not {salt.Length}", nameof(salt));
        }

        var encoded = AuditChain.Encode(sequence, entry);
        var bytes = new byte[SaltSize + encoded.Length];
        salt.CopyTo(bytes);
        encoded.CopyTo(bytes.AsSpan(SaltSize));
        return bytes;
    }

    /// <summary>The leaf hash of a record (RFC 9162: SHA-256 of 0x00 ‖ leaf bytes).</summary>
    public static byte[] Hash(ReadOnlySpan<byte> salt, long sequence, AuditEntry entry) => MerkleHash.Leaf(Bytes(salt, sequence, entry));
}
