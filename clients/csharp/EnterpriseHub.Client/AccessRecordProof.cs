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
        var decoded = AuditLeafRecord.Decode(leaf);
        if (!decoded.Salt.AsSpan().SequenceEqual(proof.Salt.Span))
        {
            throw new MerkleProofException($"record {record.Sequence}'s leaf does not start with its salt");
        }

        if (Mismatch(record, uscc, decoded) is { } field)
        {
            throw new MerkleProofException($"record {record.Sequence}'s leaf does not encode its {field} as listed");
        }

        MerkleVerifier.VerifyInclusion(
            record.Sequence - 1, treeSize, MerkleHash.Leaf(leaf), [.. proof.Hashes.Select(h => h.ToByteArray())], root);
    }

    /// <summary>The first field of the record the leaf does not match, or null.</summary>
    private static string? Mismatch(AccessRecord record, string uscc, AuditLeafRecord leaf)
    {
        if (leaf.Sequence != record.Sequence)
        {
            return "sequence";
        }

        if (leaf.Time.UtcTicks != record.Time?.ToDateTimeOffset().UtcTicks)
        {
            return "time";
        }

        if (leaf.Caller != record.Department || leaf.OfficerId != record.OfficerId || leaf.Action != record.Action)
        {
            return "department, officer or action";
        }

        if (!leaf.Enterprises.Contains(uscc, StringComparer.Ordinal))
        {
            return "enterprise";
        }

        if (!leaf.FactTypes.SequenceEqual(record.FactTypes, StringComparer.Ordinal))
        {
            return "fact types";
        }

        if (leaf.Purpose != record.Purpose || leaf.RequestId != record.RequestId || leaf.Outcome != record.Outcome)
        {
            return "purpose, request id or outcome";
        }

        // The detail is not shown by ListAccess; a version 2 record always has a correlation id.
        return leaf.CorrelationId != record.CorrelationId || (leaf.Version == 2) != (leaf.CorrelationId.Length > 0) ? "correlation id" : null;
    }
}
