using System.Buffers.Binary;
using System.Text;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Client;

/// <summary>
/// An audit record as its Merkle leaf holds it (docs/audit.md): the 32-byte salt, then the
/// record's canonical encoding, field by field. Decoding proves nothing by itself: the leaf must
/// also be shown to be in a signed checkpoint's tree (<see cref="AccessRecordProof"/>, or a
/// <c>c2sp.org/tlog-proof</c> file checked by <c>hubctl audit check</c>).
/// </summary>
/// <param name="Salt">The 32 random bytes the leaf starts with.</param>
/// <param name="Version">The encoding's version: 1, or 2 for a record with a correlation id.</param>
/// <param name="Sequence">The record's position in the log (leaf index + 1).</param>
/// <param name="Time">When the action happened (UTC).</param>
/// <param name="Caller">The identity that acted (a department's certificate CN, portal, admin).</param>
/// <param name="OfficerId">The officer or person on whose behalf it acted.</param>
/// <param name="Action">What was done, e.g. <c>read</c>, <c>publish</c>, <c>refusal</c>.</param>
/// <param name="Enterprises">The USCCs of the enterprises whose data was touched.</param>
/// <param name="FactTypes">The fact types involved.</param>
/// <param name="Purpose">The stated purpose: a legal basis or case number.</param>
/// <param name="RequestId">The hub's id of the call.</param>
/// <param name="Outcome">What came of it, e.g. <c>ok</c>.</param>
/// <param name="Detail">The record's short machine-readable note (never a fact value).</param>
/// <param name="CorrelationId">The caller's own id of the call; empty in version 1.</param>
public sealed record AuditLeafRecord(
    byte[] Salt,
    int Version,
    long Sequence,
    DateTimeOffset Time,
    string Caller,
    string OfficerId,
    string Action,
    IReadOnlyList<string> Enterprises,
    IReadOnlyList<string> FactTypes,
    string Purpose,
    string RequestId,
    string Outcome,
    string Detail,
    string CorrelationId)
{
    /// <summary>The size of the salt a leaf starts with.</summary>
    public const int SaltSize = 32;

    /// <summary>
    /// Decodes a whole leaf (salt, then canonical encoding). Throws <see cref="MerkleProofException"/>
    /// when it is shorter than a salt, of an unknown version, ends early, holds an impossible length
    /// or time, or has bytes left over.
    /// </summary>
    public static AuditLeafRecord Decode(ReadOnlySpan<byte> leaf)
    {
        if (leaf.Length <= SaltSize)
        {
            throw new MerkleProofException($"the leaf has {leaf.Length} bytes: not a {SaltSize}-byte salt and an encoding");
        }

        var reader = new Reader(leaf[SaltSize..]);
        var version = reader.Byte();
        if (version is not (1 or 2))
        {
            throw new MerkleProofException($"the leaf's encoding version {version} is unknown");
        }

        var sequence = reader.Int64();
        var ticks = reader.Int64();
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new MerkleProofException("the leaf's time is outside the calendar");
        }

        var record = new AuditLeafRecord(
            leaf[..SaltSize].ToArray(), version, sequence, new DateTimeOffset(ticks, TimeSpan.Zero),
            Caller: reader.Text(), OfficerId: reader.Text(), Action: reader.Text(),
            Enterprises: reader.List(), FactTypes: reader.List(),
            Purpose: reader.Text(), RequestId: reader.Text(), Outcome: reader.Text(), Detail: reader.Text(),
            CorrelationId: version == 2 ? reader.Text() : string.Empty);
        return reader.AtEnd ? record : throw new MerkleProofException("the leaf has bytes after its encoding");
    }

    /// <summary>Reads the canonical encoding: big-endian 64-bit integers, strings and lists prefixed with their length.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
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
