using EnterpriseHub.Transparency.Notes;
using EnterpriseHub.V1;

namespace EnterpriseHub.Client;

/// <summary>
/// The signed checkpoint a <c>ListAccess</c> page's proofs are against, opened without trusting
/// the hub: signed by the audit log's key, cosigned as the caller's witness policy asks, and of
/// exactly the page's <c>tree_size</c> and <c>root_hash</c>. Only then do the page's records'
/// proofs mean anything: <see cref="Verify"/> checks one against the checkpoint's root.
/// </summary>
/// <param name="Checkpoint">The checkpoint: origin, tree size and root hash.</param>
/// <param name="LogKeyName">The name of the log key that signed it.</param>
/// <param name="Witnesses">The names of the policy's witnesses whose cosignatures held, in the note's order.</param>
/// <param name="Unchecked">The names on the note's other signature lines: keys the caller does not know, so nothing was checked of them.</param>
public sealed record AccessLogCheckpoint(Checkpoint Checkpoint, string LogKeyName, IReadOnlyList<string> Witnesses, IReadOnlyList<string> Unchecked)
{
    /// <summary>
    /// Opens <paramref name="page"/>'s checkpoint; null when the hub has signed none yet (an empty
    /// checkpoint with <c>tree_size</c> 0: every record of the page is then pending). Throws
    /// <see cref="NoteFormatException"/> for a malformed note, and <see cref="NoteSignatureException"/>
    /// when it is not signed by <paramref name="log"/>, its origin is not under that key's name, too
    /// few of <paramref name="witnesses"/> cosigned it, or it is not of the page's tree size and root.
    /// </summary>
    public static AccessLogCheckpoint? Open(ListAccessResponse page, INoteVerifier log, WitnessPolicy? witnesses = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(log);
        if (page.Checkpoint.Length == 0)
        {
            // The hub sends the empty tree's root with it; a log of no records proves nothing either way.
            return page.TreeSize == 0
                ? null
                : throw new NoteSignatureException($"the page's proofs are against a log of {page.TreeSize} records, but it carries no signed checkpoint");
        }

        var (checkpoint, note, verified) = Checkpoint.Open(page.Checkpoint, log, witnesses);
        if (checkpoint.Size != page.TreeSize || !checkpoint.RootHash.AsSpan().SequenceEqual(page.RootHash.Span))
        {
            throw new NoteSignatureException(
                $"the signed checkpoint is of {checkpoint.Size} records with root {Convert.ToHexStringLower(checkpoint.RootHash)}; " +
                $"the page's proofs are against {page.TreeSize} records with root {Convert.ToHexStringLower(page.RootHash.Span)}");
        }

        var cosigned = verified.Where(v => v != log).Select(v => v.Name).Distinct().ToList();
        return new(checkpoint, log.Name, cosigned, note.UncheckedSigners(verified));
    }

    /// <summary>Whether <paramref name="record"/> is in the checkpoint; a newer one has no proof until the next checkpoint.</summary>
    public bool Covers(AccessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Sequence >= 1 && record.Sequence <= Checkpoint.Size;
    }

    /// <summary>
    /// Throws <see cref="Transparency.MerkleProofException"/> unless <paramref name="record"/> of
    /// <paramref name="uscc"/>'s access log is proven to be in this checkpoint
    /// (<see cref="AccessRecordProof.Verify"/> against the checkpoint's own size and root).
    /// </summary>
    public void Verify(AccessRecord record, string uscc) =>
        AccessRecordProof.Verify(record, uscc, Checkpoint.Size, Checkpoint.RootHash);
}
