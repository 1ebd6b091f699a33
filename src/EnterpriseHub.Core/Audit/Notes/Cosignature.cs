using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace EnterpriseHub.Core.Audit.Notes;

/// <summary>
/// The Ed25519 cosignature/v1 of c2sp.org/tlog-cosignature: the signature line holds the 8-byte
/// big-endian POSIX time ‖ an Ed25519 signature over <c>cosignature/v1\ntime &lt;t&gt;\n</c> and the
/// checkpoint text; the key ID uses signature type 0x04.
/// </summary>
public static class Cosignature
{
    /// <summary>The size of a cosignature after the key ID.</summary>
    public const int Size = 8 + Ed25519Key.SignatureSize;

    /// <summary>The message a cosigner signs at <paramref name="timestamp"/> for checkpoint text <paramref name="text"/>.</summary>
    public static byte[] Message(ulong timestamp, ReadOnlySpan<byte> text) =>
        [.. Encoding.ASCII.GetBytes($"cosignature/v1\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n"), .. text];

    /// <summary>The timestamp a cosignature states, or null if the bytes are no cosignature.</summary>
    public static ulong? Timestamp(ReadOnlySpan<byte> signature) =>
        signature.Length == Size && BinaryPrimitives.ReadUInt64BigEndian(signature) <= long.MaxValue
            ? BinaryPrimitives.ReadUInt64BigEndian(signature)
            : null;
}

/// <summary>A witness's key that cosigns checkpoints at the time its clock gives.</summary>
public sealed class CosignatureSigner(string name, Ed25519Key key, TimeProvider time) : INoteSigner
{
    /// <inheritdoc />
    public string Name { get; } = NoteText.IsValidName(name) ? name : throw new NoteFormatException("a key name must be non-empty, without spaces or plus signs");

    /// <inheritdoc />
    public uint KeyId { get; } = NoteText.KeyId(name, SignatureType.Cosignature, key.PublicKey);

    /// <summary>The vkey (type 0x04) by which clients know this witness.</summary>
    public string VerifierKey => NoteKeyText.FormatVerifierKey(Name, SignatureType.Cosignature, key.PublicKey);

    /// <summary>The cosigner of a <c>PRIVATE+KEY+…</c> line whose key is of type 0x04.</summary>
    public static CosignatureSigner FromKeyText(string skey, TimeProvider time)
    {
        var (name, key) = NoteKeyText.ParseSignerKey(skey, SignatureType.Cosignature);
        return new(name, key, time);
    }

    /// <summary>The <c>PRIVATE+KEY+…</c> line that keeps this cosigner in a file.</summary>
    public string ToKeyText() => NoteKeyText.FormatSignerKey(Name, SignatureType.Cosignature, key);

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> text)
    {
        var timestamp = (ulong)time.GetUtcNow().ToUnixTimeSeconds();
        var signature = new byte[Cosignature.Size];
        BinaryPrimitives.WriteUInt64BigEndian(signature, timestamp);
        key.Sign(Cosignature.Message(timestamp, text)).CopyTo(signature, 8);
        return signature;
    }
}

/// <summary>Verifies one witness's cosignature/v1 over checkpoint text.</summary>
public sealed class CosignatureVerifier : INoteVerifier
{
    private readonly byte[] _publicKey;

    private CosignatureVerifier(string name, byte[] publicKey)
    {
        Name = name;
        _publicKey = publicKey;
        KeyId = NoteText.KeyId(name, SignatureType.Cosignature, publicKey);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public uint KeyId { get; }

    /// <summary>The verifier of a type 0x04 vkey.</summary>
    public static CosignatureVerifier FromVerifierKey(string vkey)
    {
        var (name, publicKey) = NoteKeyText.ParseVerifierKey(vkey, SignatureType.Cosignature);
        return new(name, publicKey);
    }

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        Cosignature.Timestamp(signature) is { } timestamp &&
        Ed25519Key.Verify(_publicKey, Cosignature.Message(timestamp, text), signature[8..]);
}
