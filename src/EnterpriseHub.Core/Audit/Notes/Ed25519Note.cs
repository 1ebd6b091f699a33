namespace EnterpriseHub.Core.Audit.Notes;

/// <summary>Signs note text with a named Ed25519 key (signature type 0x01).</summary>
public sealed class Ed25519NoteSigner(string name, Ed25519Key key) : INoteSigner
{
    /// <inheritdoc />
    public string Name { get; } = NoteText.IsValidName(name) ? name : throw new NoteFormatException("a key name must be non-empty, without spaces or plus signs");

    /// <inheritdoc />
    public uint KeyId { get; } = NoteText.KeyId(name, SignatureType.Ed25519, key.PublicKey);

    /// <summary>The vkey that verifies this signer's notes.</summary>
    public string VerifierKey => NoteKeyText.FormatVerifierKey(Name, SignatureType.Ed25519, key.PublicKey);

    /// <summary>The signer of a <c>PRIVATE+KEY+…</c> line.</summary>
    public static Ed25519NoteSigner FromKeyText(string skey)
    {
        var (name, key) = NoteKeyText.ParseSignerKey(skey, SignatureType.Ed25519);
        return new(name, key);
    }

    /// <summary>The <c>PRIVATE+KEY+…</c> line that keeps this signer in a file.</summary>
    public string ToKeyText() => NoteKeyText.FormatSignerKey(Name, SignatureType.Ed25519, key);

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> text) => key.Sign(text);
}

/// <summary>Verifies Ed25519 note signatures (signature type 0x01) by one known key.</summary>
public sealed class Ed25519NoteVerifier : INoteVerifier
{
    private readonly byte[] _publicKey;

    private Ed25519NoteVerifier(string name, byte[] publicKey)
    {
        Name = name;
        _publicKey = publicKey;
        KeyId = NoteText.KeyId(name, SignatureType.Ed25519, publicKey);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public uint KeyId { get; }

    /// <summary>The verifier of a vkey, refusing any other signature type, length or a wrong key ID.</summary>
    public static Ed25519NoteVerifier FromVerifierKey(string vkey)
    {
        var (name, publicKey) = NoteKeyText.ParseVerifierKey(vkey, SignatureType.Ed25519);
        return new(name, publicKey);
    }

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) => Ed25519Key.Verify(_publicKey, text, signature);
}
