using System.Globalization;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Transparency.Notes;

/// <summary>
/// A c2sp.org/tlog-proof@v1 file (<c>.tlog-proof</c>): the leaf's index, optional unauthenticated
/// extra data, its inclusion proof and the signed (and cosigned) checkpoint the proof leads to,
/// verifiable offline. The hub puts the record's whole leaf (its 32-byte salt, then its canonical
/// encoding) in <see cref="Extra"/>, so that the file carries the record it proves.
/// </summary>
public sealed record TlogProof(long Index, byte[]? Extra, IReadOnlyList<byte[]> InclusionProof, string CheckpointNote)
{
    private const string Header = "c2sp.org/tlog-proof@v1";

    /// <summary>The file's exact text.</summary>
    public string Format()
    {
        var lines = new List<string> { Header };
        if (Extra is not null)
        {
            lines.Add("extra " + Convert.ToBase64String(Extra));
        }

        lines.Add("index " + Index.ToString(CultureInfo.InvariantCulture));
        lines.AddRange(InclusionProof.Select(Convert.ToBase64String));
        return string.Concat(lines.Select(l => l + "\n")) + "\n" + CheckpointNote;
    }

    /// <summary>Parses a proof file, refusing anything outside the grammar, including a malformed checkpoint note.</summary>
    public static TlogProof Parse(string text)
    {
        var separator = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new NoteFormatException("the proof has no blank line before its checkpoint");
        }

        var lines = text[..separator].Split('\n');
        if (lines[0] != Header)
        {
            throw new NoteFormatException($"the proof does not start with {Header}");
        }

        var next = 1;
        byte[]? extra = null;
        if (next < lines.Length && lines[next].StartsWith("extra ", StringComparison.Ordinal))
        {
            extra = NoteText.DecodeBase64(lines[next++]["extra ".Length..], "the proof's extra data");
        }

        if (next >= lines.Length || !lines[next].StartsWith("index ", StringComparison.Ordinal))
        {
            throw new NoteFormatException("the proof has no index line");
        }

        var index = NoteText.ParseDecimal(lines[next++]["index ".Length..], "the proof's index");
        var hashes = lines[next..].Select(l => NoteText.DecodeBase64(l, "an inclusion proof hash")).ToList();
        if (hashes.Any(h => h.Length != MerkleHash.Size))
        {
            throw new NoteFormatException($"an inclusion proof hash is not {MerkleHash.Size} bytes");
        }

        var note = text[(separator + 2)..];
        Checkpoint.Parse(Note.Parse(note).Text);
        return new(index, extra, hashes, note);
    }

    /// <summary>
    /// Checks the proof for <paramref name="leaf"/> (the leaf's bytes, hashed as RFC 6962 leaves):
    /// the checkpoint's signature by the log, the witness policy, then the inclusion proof against
    /// the checkpoint's root. Returns the checkpoint; throws <see cref="NoteSignatureException"/> or
    /// <see cref="MerkleProofException"/> when a step fails.
    /// </summary>
    public Checkpoint Verify(ReadOnlySpan<byte> leaf, INoteVerifier log, WitnessPolicy? witnesses = null)
    {
        var (checkpoint, _, _) = Checkpoint.Open(CheckpointNote, log, witnesses);
        MerkleVerifier.VerifyInclusion(Index, checkpoint.Size, MerkleHash.Leaf(leaf), InclusionProof, checkpoint.RootHash);
        return checkpoint;
    }
}
