using System.Buffers.Binary;
using System.Text;

namespace EnterpriseHub.Transparency.Notes;

/// <summary>One signature line: the key's name and ID and the signature bytes after the ID.</summary>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Signature)
{
    /// <summary>The line without its newline: em dash, space, name, space, base64(key ID ‖ signature).</summary>
    public string Format()
    {
        var bytes = new byte[4 + Signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
        Signature.CopyTo(bytes, 4);
        return $"{Note.Dash} {Name} {Convert.ToBase64String(bytes)}";
    }
}

/// <summary>
/// A c2sp.org/signed-note: text ending in a newline, a blank line, then one signature line each.
/// Parsing refuses anything outside that grammar; <see cref="Open"/> also checks the signatures.
/// </summary>
public sealed record Note(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>The largest note accepted, in UTF-8 bytes: far above a checkpoint with many cosignatures.</summary>
    public const int MaxSize = 1 << 20;

    /// <summary>The most signature lines accepted; the spec asks for at least 16.</summary>
    public const int MaxSignatures = 100;

    /// <summary>U+2014, the em dash that starts each signature line.</summary>
    public const string Dash = "\u2014";

    /// <summary>The note's exact text form.</summary>
    public string Format() =>
        Text + "\n" + string.Concat(Signatures.Select(s => s.Format() + "\n"));

    /// <summary>A note of <paramref name="text"/> signed by every signer, in order.</summary>
    public static Note Sign(string text, params IReadOnlyList<INoteSigner> signers)
    {
        CheckText(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        return new(text, [.. signers.Select(s => new NoteSignature(s.Name, s.KeyId, s.Sign(bytes)))]);
    }

    /// <summary>The names on the signature lines none of <paramref name="verified"/> made: keys the reader does not know, so nothing of them was checked.</summary>
    public IReadOnlyList<string> UncheckedSigners(IReadOnlyCollection<INoteVerifier> verified) =>
        [.. Signatures.Where(s => !verified.Any(v => v.Name == s.Name && v.KeyId == s.KeyId)).Select(s => s.Name).Distinct()];

    /// <summary>This note with more signatures over the same text (a witness adding its cosignature).</summary>
    public Note AddSignatures(params IReadOnlyList<INoteSigner> signers) =>
        this with { Signatures = [.. Signatures, .. Sign(Text, signers).Signatures] };

    /// <summary>Parses a note given as bytes, refusing invalid UTF-8.</summary>
    public static Note Parse(ReadOnlySpan<byte> note)
    {
        if (note.Length > MaxSize)
        {
            throw new NoteFormatException($"the note is larger than {MaxSize} bytes");
        }

        try
        {
            return Parse(NoteText.StrictUtf8.GetString(note));
        }
        catch (DecoderFallbackException)
        {
            throw new NoteFormatException("the note is not valid UTF-8");
        }
    }

    /// <summary>Parses a note, checking its form only; use <see cref="Open"/> to trust it.</summary>
    public static Note Parse(string note)
    {
        if (Encoding.UTF8.GetByteCount(note) > MaxSize)
        {
            throw new NoteFormatException($"the note is larger than {MaxSize} bytes");
        }

        // The text may itself hold blank lines: the last one separates it from the signatures.
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new NoteFormatException("the note has no blank line before its signatures");
        }

        var text = note[..(split + 1)];
        CheckText(text);
        var block = note[(split + 2)..];
        if (block.Length == 0)
        {
            throw new NoteFormatException("the note has no signature lines");
        }

        if (!block.EndsWith('\n'))
        {
            throw new NoteFormatException("the note does not end in a newline");
        }

        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw new NoteFormatException($"the note has more than {MaxSignatures} signatures");
        }

        return new(text, [.. lines.Select(ParseSignature)]);
    }

    /// <summary>
    /// Parses a note and verifies it against <paramref name="known"/> keys: signatures by unknown keys
    /// (name and key ID not both matching) are ignored, one by a known key that fails refuses the whole
    /// note, and a note with no valid known signature is refused. Returns the note and the verifiers whose signatures held.
    /// </summary>
    public static (Note Note, IReadOnlyList<INoteVerifier> Verified) Open(string note, IReadOnlyCollection<INoteVerifier> known)
    {
        var parsed = Parse(note);
        var text = Encoding.UTF8.GetBytes(parsed.Text);
        var verified = new List<INoteVerifier>();
        foreach (var signature in parsed.Signatures)
        {
            var verifier = known.FirstOrDefault(k => k.Name == signature.Name && k.KeyId == signature.KeyId);
            if (verifier is null)
            {
                continue;
            }

            if (!verifier.Verify(text, signature.Signature))
            {
                throw new NoteSignatureException($"the signature by {signature.Name}+{NoteText.Hex(signature.KeyId)} does not verify");
            }

            if (!verified.Contains(verifier))
            {
                verified.Add(verifier);
            }
        }

        return verified.Count > 0 ? (parsed, verified) : throw new NoteSignatureException("the note has no valid signature by a known key");
    }

    private static void CheckText(string text)
    {
        if (text.Length == 0 || !text.EndsWith('\n'))
        {
            throw new NoteFormatException("the note text does not end in a newline");
        }

        if (text.Any(c => c < ' ' && c != '\n'))
        {
            throw new NoteFormatException("the note holds a control character other than newline");
        }

        if (text.Any(char.IsSurrogate) && !IsWellFormedUtf16(text))
        {
            throw new NoteFormatException("the note text is not valid Unicode");
        }
    }

    private static bool IsWellFormedUtf16(string text)
    {
        try
        {
            NoteText.StrictUtf8.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static NoteSignature ParseSignature(string line)
    {
        if (line.Any(c => c < ' '))
        {
            throw new NoteFormatException("a signature line holds a control character");
        }

        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0] != Dash)
        {
            throw new NoteFormatException("a signature line is not \"\u2014 name signature\"");
        }

        if (!NoteText.IsValidName(parts[1]))
        {
            throw new NoteFormatException("a signature's key name is empty or holds a space or plus sign");
        }

        var bytes = NoteText.DecodeBase64(parts[2], "a signature");
        if (bytes.Length < 5)
        {
            throw new NoteFormatException("a signature is shorter than its key ID and one byte");
        }

        return new(parts[1], BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..]);
    }
}
