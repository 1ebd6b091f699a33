using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace EnterpriseHub.Transparency.Notes;

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
public sealed class CosignatureSigner(string name, Ed25519Key key, TimeProvider time) : Ed25519SignerBase(name, SignatureType.Cosignature, key)
{
    /// <summary>The cosigner of a <c>PRIVATE+KEY+…</c> line whose key is of type 0x04.</summary>
    public static CosignatureSigner FromKeyText(string skey, TimeProvider time)
    {
        var (name, key) = NoteKeyText.ParseSignerKey(skey, SignatureType.Cosignature);
        return new(name, key, time);
    }

    /// <inheritdoc />
    public override byte[] Sign(ReadOnlySpan<byte> text)
    {
        var timestamp = (ulong)time.GetUtcNow().ToUnixTimeSeconds();
        var signature = new byte[Cosignature.Size];
        BinaryPrimitives.WriteUInt64BigEndian(signature, timestamp);
        Key.Sign(Cosignature.Message(timestamp, text)).CopyTo(signature, 8);
        return signature;
    }
}

/// <summary>Verifies one witness's cosignature/v1 over checkpoint text.</summary>
public sealed class CosignatureVerifier : Ed25519VerifierBase
{
    private CosignatureVerifier(string vkey) : base(vkey, SignatureType.Cosignature) { }

    /// <summary>The verifier of a type 0x04 vkey.</summary>
    public static CosignatureVerifier FromVerifierKey(string vkey) => new(vkey);

    /// <inheritdoc />
    public override bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        Cosignature.Timestamp(signature) is { } timestamp &&
        Ed25519Key.Verify(PublicKey, Cosignature.Message(timestamp, text), signature[8..]);
}
