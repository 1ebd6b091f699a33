namespace EnterpriseHub.Transparency.Notes;

/// <summary>A key that signs note text; its name and key ID go on the signature line.</summary>
public interface INoteSigner
{
    /// <summary>The key name.</summary>
    string Name { get; }

    /// <summary>The key ID, derived from the name, signature type and public key.</summary>
    uint KeyId { get; }

    /// <summary>The signature bytes that follow the key ID on the signature line.</summary>
    byte[] Sign(ReadOnlySpan<byte> text);
}

/// <summary>A known key that checks the signatures carrying its name and key ID.</summary>
public interface INoteVerifier
{
    /// <summary>The key name.</summary>
    string Name { get; }

    /// <summary>The key ID.</summary>
    uint KeyId { get; }

    /// <summary>Whether <paramref name="signature"/> (the bytes after the key ID) signs <paramref name="text"/>.</summary>
    bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature);
}

/// <summary>The signature types of c2sp.org/signed-note that this code implements.</summary>
public static class SignatureType
{
    /// <summary>Ed25519 over the note text.</summary>
    public const byte Ed25519 = 0x01;

    /// <summary>Timestamped Ed25519 checkpoint cosignature (c2sp.org/tlog-cosignature, cosignature/v1).</summary>
    public const byte Cosignature = 0x04;
}

/// <summary>
/// The text forms of keys: the verifier key (vkey) <c>name+hex(key ID)+base64(type ‖ public key)</c>
/// of c2sp.org/signed-note, and the private key <c>PRIVATE+KEY+name+hex(key ID)+base64(type ‖ seed)</c>
/// of golang.org/x/mod/sumdb/note, for keys kept in files.
/// </summary>
public static class NoteKeyText
{
    private const string PrivatePrefix = "PRIVATE+KEY+";

    /// <summary>The vkey of an Ed25519 public key of the given signature type.</summary>
    public static string FormatVerifierKey(string name, byte type, ReadOnlySpan<byte> publicKey) =>
        Format(name, type, publicKey, NoteText.KeyId(name, type, publicKey));

    /// <summary>The private key file line of <paramref name="key"/>.</summary>
    public static string FormatSignerKey(string name, byte type, Ed25519Key key) =>
        PrivatePrefix + Format(name, type, key.ExportSeed(), NoteText.KeyId(name, type, key.PublicKey));

    /// <summary>Parses a vkey of the expected signature type into its name and 32-byte public key.</summary>
    public static (string Name, byte[] PublicKey) ParseVerifierKey(string vkey, byte type)
    {
        var (name, keyId, material) = Split(vkey, type, "verifier key");
        if (NoteText.KeyId(name, type, material) != keyId)
        {
            throw new NoteFormatException("verifier key ID does not match its name and public key");
        }

        return (name, material);
    }

    /// <summary>Parses a private key line of the expected signature type into its name and key.</summary>
    public static (string Name, Ed25519Key Key) ParseSignerKey(string skey, byte type)
    {
        if (!skey.StartsWith(PrivatePrefix, StringComparison.Ordinal))
        {
            throw new NoteFormatException($"signer key does not start with {PrivatePrefix}");
        }

        var (name, keyId, seed) = Split(skey[PrivatePrefix.Length..], type, "signer key");
        var key = Ed25519Key.FromSeed(seed);
        if (NoteText.KeyId(name, type, key.PublicKey) != keyId)
        {
            throw new NoteFormatException("signer key ID does not match its name and public key");
        }

        return (name, key);
    }

    private static string Format(string name, byte type, ReadOnlySpan<byte> material, uint keyId)
    {
        if (!NoteText.IsValidName(name))
        {
            throw new NoteFormatException("a key name must be non-empty, without spaces or plus signs");
        }

        return $"{name}+{NoteText.Hex(keyId)}+{Convert.ToBase64String([type, .. material])}";
    }

    private static (string Name, uint KeyId, byte[] Material) Split(string text, byte type, string what)
    {
        // At most three parts: base64 itself may hold plus signs.
        var parts = text.Split('+', 3);
        if (parts.Length != 3)
        {
            throw new NoteFormatException($"{what} is not name+keyid+key");
        }

        if (!NoteText.IsValidName(parts[0]))
        {
            throw new NoteFormatException($"{what} name must be non-empty, without spaces or plus signs");
        }

        var keyId = NoteText.ParseKeyIdHex(parts[1], what);
        var bytes = NoteText.DecodeBase64(parts[2], what);
        if (bytes.Length == 0 || bytes[0] != type)
        {
            throw new NoteFormatException($"{what} is not of signature type 0x{type:x2}");
        }

        if (bytes.Length != 1 + Ed25519Key.KeySize)
        {
            throw new NoteFormatException($"{what} holds {bytes.Length - 1} key bytes; Ed25519 needs {Ed25519Key.KeySize}");
        }

        return (parts[0], keyId, bytes[1..]);
    }
}
