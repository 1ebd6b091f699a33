namespace EnterpriseHub.Transparency.Notes;

/// <summary>
/// What every Ed25519-based signer shares: a valid name, the key ID of its signature type, and the
/// vkey and private-key texts of that type.
/// </summary>
public abstract class Ed25519SignerBase : INoteSigner
{
    private readonly byte _type;

    /// <summary>A signer of <paramref name="type"/> named <paramref name="name"/>.</summary>
    protected Ed25519SignerBase(string name, byte type, Ed25519Key key)
    {
        Name = NoteText.IsValidName(name) ? name : throw new NoteFormatException("a key name must be non-empty, without spaces or plus signs");
        _type = type;
        Key = key;
        KeyId = NoteText.KeyId(name, type, key.PublicKey);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public uint KeyId { get; }

    /// <summary>The vkey that verifies this signer's signatures.</summary>
    public string VerifierKey => NoteKeyText.FormatVerifierKey(Name, _type, Key.PublicKey);

    /// <summary>The key.</summary>
    protected Ed25519Key Key { get; }

    /// <summary>The <c>PRIVATE+KEY+…</c> line that keeps this signer in a file.</summary>
    public string ToKeyText() => NoteKeyText.FormatSignerKey(Name, _type, Key);

    /// <inheritdoc />
    public abstract byte[] Sign(ReadOnlySpan<byte> text);
}

/// <summary>What every Ed25519-based verifier shares: the name, the public key and the key ID of its type.</summary>
public abstract class Ed25519VerifierBase : INoteVerifier
{
    /// <summary>The verifier of a vkey of <paramref name="type"/>.</summary>
    protected Ed25519VerifierBase(string vkey, byte type)
    {
        (Name, PublicKey) = NoteKeyText.ParseVerifierKey(vkey, type);
        KeyId = NoteText.KeyId(Name, type, PublicKey);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public uint KeyId { get; }

    /// <summary>The 32-byte public key.</summary>
    protected byte[] PublicKey { get; }

    /// <inheritdoc />
    public abstract bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature);
}

/// <summary>Signs note text with a named Ed25519 key (signature type 0x01).</summary>
public sealed class Ed25519NoteSigner(string name, Ed25519Key key) : Ed25519SignerBase(name, SignatureType.Ed25519, key)
{
    /// <summary>The signer of a <c>PRIVATE+KEY+…</c> line.</summary>
    public static Ed25519NoteSigner FromKeyText(string skey)
    {
        var (name, key) = NoteKeyText.ParseSignerKey(skey, SignatureType.Ed25519);
        return new(name, key);
    }

    /// <inheritdoc />
    public override byte[] Sign(ReadOnlySpan<byte> text) => Key.Sign(text);
}

/// <summary>Verifies Ed25519 note signatures (signature type 0x01) by one known key.</summary>
public sealed class Ed25519NoteVerifier : Ed25519VerifierBase
{
    private Ed25519NoteVerifier(string vkey) : base(vkey, SignatureType.Ed25519) { }

    /// <summary>The verifier of a vkey, refusing any other signature type, length or a wrong key ID.</summary>
    public static Ed25519NoteVerifier FromVerifierKey(string vkey) => new(vkey);

    /// <inheritdoc />
    public override bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) => Ed25519Key.Verify(PublicKey, text, signature);
}
