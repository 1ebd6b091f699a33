using EnterpriseHub.Client;
using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Cli.Audit;

/// <summary>What a proof file proved: the record, and the checkpoint that vouches for it.</summary>
/// <param name="Record">The record the file's leaf encodes.</param>
/// <param name="Checkpoint">The checkpoint whose tree holds the leaf.</param>
/// <param name="LogKey">The log key whose signature on the checkpoint held.</param>
/// <param name="Cosigners">The names of the given witnesses whose cosignatures held.</param>
/// <param name="Quorum">How many of them were required.</param>
/// <param name="Unchecked">The names on the note's other signature lines, which no given key checks.</param>
internal sealed record ProvenRecord(
    AuditLeafRecord Record, Checkpoint Checkpoint, INoteVerifier LogKey, IReadOnlyList<string> Cosigners, int Quorum, IReadOnlyList<string> Unchecked);

/// <summary>The step of <see cref="ProofFileCheck"/> that failed, and why.</summary>
internal sealed class ProofCheckException(string step, string message) : Exception(message)
{
    /// <summary>The step, as the one line hubctl prints names it: <c>bad file</c>, <c>log key</c>, ...</summary>
    public string Step { get; } = step;
}

/// <summary>
/// Checks a c2sp.org/tlog-proof@v1 file as the hub writes it, offline, one step after the other:
/// the file's grammar; the checkpoint's signature by one of the log's keys, and its origin under
/// that key's name; the witnesses' cosignatures (k of n); the inclusion proof of the leaf in
/// <c>extra</c> against the checkpoint's root; the leaf's encoding, whose sequence must be its
/// place in the tree. The first step that fails throws <see cref="ProofCheckException"/>.
/// </summary>
internal static class ProofFileCheck
{
    public static ProvenRecord Check(string text, IReadOnlyList<Ed25519NoteVerifier> logKeys, WitnessPolicy? witnesses)
    {
        var proof = Step("bad file", () => TlogProof.Parse(text));
        if (proof.Extra is null)
        {
            throw new ProofCheckException("bad file", "the proof carries no record: it has no extra line with the record's leaf");
        }

        var (checkpoint, log) = OpenByLogKey(proof.CheckpointNote, logKeys);
        // Opened again with the witnesses, so that a witness's failure is named as this step, not the log key's.
        var (_, note, verified) = Step("witnesses", () => Checkpoint.Open(proof.CheckpointNote, log, witnesses));
        Step("inclusion proof", () =>
        {
            MerkleVerifier.VerifyInclusion(proof.Index, checkpoint.Size, MerkleHash.Leaf(proof.Extra), proof.InclusionProof, checkpoint.RootHash);
            return true;
        });
        var record = Step("record", () => AuditLeafRecord.Decode(proof.Extra));
        if (record.Sequence != proof.Index + 1)
        {
            throw new ProofCheckException("record", $"the leaf encodes record {record.Sequence} but sits at index {proof.Index}, the place of record {proof.Index + 1}");
        }

        var cosigners = (witnesses?.Witnesses ?? []).Where(verified.Contains).Select(w => w.Name).ToList();
        return new ProvenRecord(record, checkpoint, log, cosigners, witnesses?.Threshold ?? 0, note.UncheckedSigners(verified));
    }

    /// <summary>The checkpoint opened by the first log key that signed it (several keys overlap during a rotation).</summary>
    private static (Checkpoint Checkpoint, INoteVerifier Log) OpenByLogKey(string note, IReadOnlyList<Ed25519NoteVerifier> logKeys)
    {
        var problems = new List<string>();
        foreach (var key in logKeys)
        {
            try
            {
                return (Checkpoint.Open(note, key).Checkpoint, key);
            }
            catch (NoteSignatureException exception)
            {
                problems.Add(exception.Message);
            }
        }

        throw new ProofCheckException("log key", string.Join("; ", problems));
    }

    private static T Step<T>(string step, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (Exception exception) when (exception is NoteFormatException or NoteSignatureException or MerkleProofException)
        {
            throw new ProofCheckException(step, exception.Message);
        }
    }
}
