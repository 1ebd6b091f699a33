using System.Buffers.Binary;
using System.Text;
using EnterpriseHub.Transparency;
using EnterpriseHub.V1;

namespace EnterpriseHub.Client;

/// <summary>
/// Checks, without trusting the hub, that an access record as <c>ListAccess</c> listed it is in
/// the audit log: its leaf must be its salt and the canonical encoding of exactly the fields
/// shown (docs/audit.md), and its audit path must lead from that leaf to the root of the log.
/// The root itself is what a signed checkpoint vouches for; this checks the record against it.
/// </summary>
public static class AccessRecordProof
{
    private const int SaltSize = 32;

    /// <summary>
    /// Throws <see cref="MerkleProofException"/> unless <paramref name="record"/> of
    /// <paramref name="uscc"/>'s access log is leaf <c>sequence − 1</c> of the log of
    /// <paramref name="treeSize"/> records whose root is <paramref name="root"/>.
    /// </summary>
    public static void Verify(AccessRecord record, string uscc, long treeSize, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Proof is not { } proof)
        {
            throw new MerkleProofException($"record {record.Sequence} carries no proof");
        }

        var leaf = proof.Leaf.Span;
        if (leaf.Length <= SaltSize || !leaf[..SaltSize].SequenceEqual(proof.Salt.Span))
        {
            throw new MerkleProofException($"record {record.Sequence}'s leaf does not start with its salt");
        }

        if (Mismatch(record, uscc, leaf[SaltSize..]) is { } field)
        {
            throw new MerkleProofException($"record {record.Sequence}'s leaf does not encode its {field} as listed");
        }

        MerkleVerifier.VerifyInclusion(
            record.Sequence - 1, treeSize, MerkleHash.Leaf(leaf), [.. proof.Hashes.Select(h => h.ToByteArray())], root);
    }

    /// <summary>The first field of the record the encoding does not match (or that the encoding cannot be read at), or null.</summary>
    private static string? Mismatch(AccessRecord record, string uscc, ReadOnlySpan<byte> encoded)
    {
        var reader = new EncodingReader(encoded);
        var version = reader.Byte();
        if (version is not (1 or 2))
        {
            return "encoding version";
        }

        if (reader.Int64() != record.Sequence)
        {
            return "sequence";
        }

        var time = record.Time?.ToDateTimeOffset().UtcTicks;
        if (reader.Int64() != time)
        {
            return "time";
        }

        if (reader.Text() != record.Department || reader.Text() != record.OfficerId || reader.Text() != record.Action)
        {
            return "department, officer or action";
        }

        if (!reader.List().Contains(uscc, StringComparer.Ordinal))
        {
            return "enterprise";
        }

        if (!reader.List().SequenceEqual(record.FactTypes, StringComparer.Ordinal))
        {
            return "fact types";
        }

        if (reader.Text() != record.Purpose || reader.Text() != record.RequestId || reader.Text() != record.Outcome)
        {
            return "purpose, request id or outcome";
        }

        reader.Text(); // the detail, which ListAccess does not show
        var correlation = version == 2 ? reader.Text() : string.Empty;
        if (correlation != record.CorrelationId || (version == 2) != (correlation.Length > 0))
        {
            return "correlation id";
        }

        return reader.AtEnd ? null : "length";
    }

    /// <summary>Reads the canonical encoding: big-endian 64-bit integers, strings and lists prefixed with their length.</summary>
    private ref struct EncodingReader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> rest = bytes;

        public readonly bool AtEnd => rest.IsEmpty;

        public byte Byte() => Take(1)[0];

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

        public string Text()
        {
            var length = Int64();
            return length < 0 || length > rest.Length ? throw Malformed() : Encoding.UTF8.GetString(Take((int)length));
        }

        public List<string> List()
        {
            var count = Int64();
            if (count < 0 || count > rest.Length / 8)
            {
                throw Malformed();
            }

            var items = new List<string>((int)count);
            for (var i = 0; i < count; i++)
            {
                items.Add(Text());
            }

            return items;
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length > rest.Length)
            {
                throw Malformed();
            }

            var taken = rest[..length];
            rest = rest[length..];
            return taken;
        }

        private static MerkleProofException Malformed() => new("the leaf's encoding ends early or holds an impossible length");
    }
}
