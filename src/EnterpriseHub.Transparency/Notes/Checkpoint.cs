using EnterpriseHub.Transparency;

namespace EnterpriseHub.Transparency.Notes;

/// <summary>
/// A c2sp.org/tlog-checkpoint: the note text naming a log (origin), its size and its RFC 6962 root,
/// with optional opaque extension lines.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, IReadOnlyList<string> Extensions)
{
    /// <summary>A checkpoint with no extension lines.</summary>
    public Checkpoint(string origin, long size, byte[] rootHash) : this(origin, size, rootHash, []) { }

    /// <summary>The note text: one line each for origin, size, root hash and every extension.</summary>
    public string Format()
    {
        Check(this);
        return string.Concat(new[] { Origin, Size.ToString(System.Globalization.CultureInfo.InvariantCulture), Convert.ToBase64String(RootHash) }
            .Concat(Extensions).Select(line => line + "\n"));
    }

    /// <summary>Parses checkpoint note text, refusing anything outside the grammar.</summary>
    public static Checkpoint Parse(string text)
    {
        if (!text.EndsWith('\n'))
        {
            throw new NoteFormatException("the checkpoint does not end in a newline");
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw new NoteFormatException("a checkpoint has at least an origin, a size and a root hash line");
        }

        var checkpoint = new Checkpoint(
            lines[0],
            NoteText.ParseDecimal(lines[1], "the checkpoint's tree size"),
            NoteText.DecodeBase64(lines[2], "the checkpoint's root hash"),
            lines[3..]);
        Check(checkpoint);
        return checkpoint;
    }

    /// <summary>The checkpoint signed by the log's key into a note.</summary>
    public Note Sign(INoteSigner log) => Note.Sign(Format(), log);

    /// <summary>
    /// Opens a signed checkpoint: it must carry a valid signature by <paramref name="log"/>, its origin
    /// must be the key's name or lie under it (<see cref="IsOriginOf"/>), and, when a policy is given,
    /// it must carry enough witness cosignatures. Returns the checkpoint, the note and the keys whose
    /// signatures held (the log's, then each known witness's, in the note's order).
    /// </summary>
    public static (Checkpoint Checkpoint, Note Note, IReadOnlyList<INoteVerifier> Verified) Open(string note, INoteVerifier log, WitnessPolicy? witnesses = null)
    {
        var (parsed, verified) = Note.Open(note, [log, .. witnesses?.Witnesses ?? []]);
        if (!verified.Contains(log))
        {
            throw new NoteSignatureException($"the checkpoint is not signed by the log key {log.Name}");
        }

        var checkpoint = Parse(parsed.Text);
        if (!IsOriginOf(checkpoint.Origin, log.Name))
        {
            throw new NoteSignatureException($"the checkpoint's origin {checkpoint.Origin} is not under the log key's name {log.Name}");
        }

        witnesses?.Check(verified);
        return (checkpoint, parsed, verified);
    }

    /// <summary>
    /// Whether a log key named <paramref name="keyName"/> may sign checkpoints of <paramref name="origin"/>:
    /// the name itself, or the name, <c>/</c> and more (the hub's origins are its key's name and a log
    /// id, so that a reset store never reuses one under the same key).
    /// </summary>
    public static bool IsOriginOf(string origin, string keyName) =>
        origin == keyName || (origin.StartsWith(keyName, StringComparison.Ordinal) && origin.Length > keyName.Length + 1 && origin[keyName.Length] == '/');

    private static void Check(Checkpoint checkpoint)
    {
        if (checkpoint.Origin.Length == 0 || checkpoint.Origin.Trim() != checkpoint.Origin)
        {
            throw new NoteFormatException("the checkpoint's origin is empty or has leading or trailing spaces");
        }

        if (checkpoint.Size < 0)
        {
            throw new NoteFormatException("the checkpoint's tree size is negative");
        }

        if (checkpoint.RootHash.Length != MerkleHash.Size)
        {
            throw new NoteFormatException($"the checkpoint's root hash is {checkpoint.RootHash.Length} bytes, not {MerkleHash.Size}");
        }

        if (checkpoint.Extensions.Any(e => e.Length == 0))
        {
            throw new NoteFormatException("a checkpoint extension line is empty");
        }

        if (new[] { checkpoint.Origin }.Concat(checkpoint.Extensions).Any(l => l.Any(c => c < ' ') || l.TrimEnd() != l))
        {
            throw new NoteFormatException("a checkpoint line holds a control character or trailing space");
        }
    }
}
