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

    public static AuditRecord Link(long sequence, string previousHash, AuditEntry entry) =>
        new(sequence, entry, previousHash, ComputeHash(sequence, previousHash, entry));

    public static string ComputeHash(long sequence, string previousHash, AuditEntry entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(previousHash));
        hash.AppendData(Encode(sequence, entry));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The canonical bytes of a record (without its hashes).</summary>
    public static byte[] Encode(long sequence, AuditEntry entry)
    {
        using var buffer = new MemoryStream(256);
        var correlated = entry.CorrelationId.Length > 0;
        buffer.WriteByte(correlated ? CorrelatedEncodingVersion : EncodingVersion);
        WriteInt64(buffer, sequence);
        WriteInt64(buffer, entry.Time.UtcTicks);
        foreach (var text in new[] { entry.Caller, entry.OfficerId, entry.Action })
        {
            WriteString(buffer, text);
        }

        WriteList(buffer, entry.Usccs);
        WriteList(buffer, entry.FactTypes);
        foreach (var text in new[] { entry.Purpose, entry.RequestId, entry.Outcome, entry.Detail })
        {
            WriteString(buffer, text);
        }

        if (correlated)
        {
            WriteString(buffer, entry.CorrelationId);
        }

        return buffer.ToArray();
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

    private static void WriteList(Stream buffer, IReadOnlyList<string> items)
    {
        WriteInt64(buffer, items.Count);
        foreach (var item in items)
        {
            WriteString(buffer, item);
        }
    }

    private static void WriteString(Stream buffer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteInt64(buffer, bytes.Length);
        buffer.Write(bytes);
    }

    private static void WriteInt64(Stream buffer, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        buffer.Write(bytes);
    }
}

/// <summary>The first record of a run that does not verify, and why.</summary>
public sealed record ChainBreak(long Sequence, string Problem);
