using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EnterpriseHub.Core.Audit;

/// <summary>
/// The audit hash chain: each record's hash is SHA-256 over the previous record's hash and the
/// record's canonical encoding, so editing, inserting or deleting any record breaks every hash
/// after it. The canonical encoding is fixed forever: a version byte, then every field as a
/// length-prefixed UTF-8 string (lists as a count followed by their items), the sequence and the
/// time as big-endian 64-bit integers (UTC ticks). A record with a correlation id is encoded as
/// version 2: the same fields, then the correlation id. A record without one keeps version 1, so
/// every record written before correlation ids existed still verifies with its stored hash.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the very first record.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private const byte EncodingVersion = 1;
    private const byte CorrelatedEncodingVersion = 2;

    /// <summary>Records up to this many bytes are hashed from the stack.</summary>
    private const int StackLimit = 1024;

    public static AuditRecord Link(long sequence, string previousHash, AuditEntry entry) =>
        new(sequence, entry, previousHash, ComputeHash(sequence, previousHash, entry));

    public static string ComputeHash(long sequence, string previousHash, AuditEntry entry)
    {
        // One pass over one buffer (on the stack for every ordinary record): the commit of a group
        // of reads hashes each of its records, so this runs once per audited call.
        var length = previousHash.Length + EncodedLength(entry);
        byte[]? rented = null;
        Span<byte> buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.ASCII.GetBytes(previousHash, buffer);
            written += Encode(sequence, entry, buffer[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The canonical bytes of a record (without its hashes).</summary>
    public static byte[] Encode(long sequence, AuditEntry entry)
    {
        var bytes = new byte[EncodedLength(entry)];
        Encode(sequence, entry, bytes);
        return bytes;
    }

    /// <summary>
    /// Recomputes a run of records that should follow <paramref name="previousHash"/> at
    /// <paramref name="firstSequence"/>; returns the first that does not match, or null.
    /// </summary>
    public static ChainBreak? Verify(IEnumerable<AuditRecord> records, long firstSequence, string previousHash)
    {
        var expectedSequence = firstSequence;
        var expectedPrevious = previousHash;
        foreach (var record in records)
        {
            if (record.Sequence != expectedSequence)
            {
                return new ChainBreak(expectedSequence, $"record {expectedSequence} is missing (next found: {record.Sequence})");
            }

            if (record.PreviousHash != expectedPrevious)
            {
                return new ChainBreak(record.Sequence, "its previous-hash does not match the hash of the record before it");
            }

            if (ComputeHash(record.Sequence, record.PreviousHash, record.Entry) != record.Hash)
            {
                return new ChainBreak(record.Sequence, "its content does not match its hash");
            }

            expectedPrevious = record.Hash;
            expectedSequence++;
        }

        return null;
    }

    private static int Encode(long sequence, AuditEntry entry, Span<byte> buffer)
    {
        var correlated = entry.CorrelationId.Length > 0;
        buffer[0] = correlated ? CorrelatedEncodingVersion : EncodingVersion;
        var at = 1;
        WriteInt64(buffer, ref at, sequence);
        WriteInt64(buffer, ref at, entry.Time.UtcTicks);
        WriteString(buffer, ref at, entry.Caller);
        WriteString(buffer, ref at, entry.OfficerId);
        WriteString(buffer, ref at, entry.Action);
        WriteList(buffer, ref at, entry.Usccs);
        WriteList(buffer, ref at, entry.FactTypes);
        WriteString(buffer, ref at, entry.Purpose);
        WriteString(buffer, ref at, entry.RequestId);
        WriteString(buffer, ref at, entry.Outcome);
        WriteString(buffer, ref at, entry.Detail);
        if (correlated)
        {
            WriteString(buffer, ref at, entry.CorrelationId);
        }

        return at;
    }

    /// <summary>The length of <see cref="Encode(long, AuditEntry)"/>'s bytes.</summary>
    private static int EncodedLength(AuditEntry entry)
    {
        var length = 1 + 8 + 8 + StringLength(entry.Caller) + StringLength(entry.OfficerId) + StringLength(entry.Action)
            + ListLength(entry.Usccs) + ListLength(entry.FactTypes) + StringLength(entry.Purpose) + StringLength(entry.RequestId)
            + StringLength(entry.Outcome) + StringLength(entry.Detail);
        return entry.CorrelationId.Length > 0 ? length + StringLength(entry.CorrelationId) : length;
    }

    private static int StringLength(string text) => 8 + Encoding.UTF8.GetByteCount(text);

    private static int ListLength(IReadOnlyList<string> items)
    {
        var length = 8;
        for (var i = 0; i < items.Count; i++)
        {
            length += StringLength(items[i]);
        }

        return length;
    }

    private static void WriteList(Span<byte> buffer, ref int at, IReadOnlyList<string> items)
    {
        WriteInt64(buffer, ref at, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            WriteString(buffer, ref at, items[i]);
        }
    }

    private static void WriteString(Span<byte> buffer, ref int at, string text)
    {
        var length = Encoding.UTF8.GetBytes(text, buffer[(at + 8)..]);
        WriteInt64(buffer, ref at, length);
        at += length;
    }

    private static void WriteInt64(Span<byte> buffer, ref int at, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer[at..], value);
        at += 8;
    }
}

/// <summary>The first record of a run that does not verify, and why.</summary>
public sealed record ChainBreak(long Sequence, string Problem);
