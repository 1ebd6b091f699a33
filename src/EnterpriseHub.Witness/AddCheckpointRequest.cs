using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Witness;

/// <summary>
/// The body of a c2sp.org/tlog-witness <c>add-checkpoint</c> request: <c>old &lt;size&gt;</c>, up to
/// 63 consistency proof hashes, a blank line, then the signed checkpoint note.
/// </summary>
internal sealed record AddCheckpointRequest(long OldSize, IReadOnlyList<byte[]> Proof, string CheckpointNote, Checkpoint Checkpoint)
{
    /// <summary>The most proof lines a client may send.</summary>
    public const int MaxProofLines = 63;

    /// <summary>Parses the body, throwing <see cref="NoteFormatException"/> for anything outside the grammar.</summary>
    public static AddCheckpointRequest Parse(string body)
    {
        var separator = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new NoteFormatException("the request has no blank line before the checkpoint");
        }

        var lines = body[..separator].Split('\n');
        if (!lines[0].StartsWith("old ", StringComparison.Ordinal))
        {
            throw new NoteFormatException("the request does not start with an old size line");
        }

        if (lines.Length - 1 > MaxProofLines)
        {
            throw new NoteFormatException($"the request has more than {MaxProofLines} proof lines");
        }

        var proof = lines[1..].Select(l => NoteText.DecodeBase64(l, "a consistency proof hash")).ToList();
        if (proof.Any(h => h.Length != MerkleHash.Size))
        {
            throw new NoteFormatException($"a consistency proof hash is not {MerkleHash.Size} bytes");
        }

        var note = body[(separator + 2)..];
        return new(NoteText.ParseDecimal(lines[0]["old ".Length..], "the old size"), proof, note, Checkpoint.Parse(Note.Parse(note).Text));
    }
}
