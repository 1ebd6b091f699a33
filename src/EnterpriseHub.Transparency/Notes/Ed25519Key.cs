using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace EnterpriseHub.Transparency.Notes;

/// <summary>
/// An Ed25519 key pair (RFC 8032), the one place the rest of the code meets the library behind it.
/// </summary>
/// <remarks>
/// BouncyCastle.Cryptography rather than NSec.Cryptography: BouncyCastle is fully managed, so the hub,
/// the witness and CI on Debian x64 (or any other runtime) need no libsodium native library that may
/// be missing or mismatched on the machine; it exposes the raw RFC 8032 functions over 32-byte seeds
/// and public keys, which are exactly the key forms signed notes use, with no key-blob formats to
/// convert through. Ed25519 signing is deterministic in both, so that did not decide it. The price
/// is a larger assembly (about 6 MB against NSec's small wrapper plus libsodium), which a server does
/// not feel, and speed, which a few checkpoint signatures per second do not need.
/// </remarks>
public sealed class Ed25519Key
{
    /// <summary>The size of a seed (private key) and of a public key.</summary>
    public const int KeySize = 32;

    /// <summary>The size of a signature.</summary>
    public const int SignatureSize = 64;

    private readonly byte[] _seed;

    private Ed25519Key(byte[] seed)
    {
        _seed = seed;
        PublicKey = new byte[KeySize];
        Ed25519.GeneratePublicKey(_seed, 0, PublicKey, 0);
    }

    /// <summary>The 32-byte public key encoded as RFC 8032 encodes it.</summary>
    public byte[] PublicKey { get; }

    /// <summary>A new key from the system's cryptographic random source.</summary>
    public static Ed25519Key Generate() => new(RandomNumberGenerator.GetBytes(KeySize));

    /// <summary>The key of a 32-byte seed, as <see cref="ExportSeed"/> gave it.</summary>
    public static Ed25519Key FromSeed(ReadOnlySpan<byte> seed) =>
        seed.Length == KeySize ? new(seed.ToArray()) : throw new ArgumentException($"an Ed25519 seed is {KeySize} bytes, not {seed.Length}", nameof(seed));

    /// <summary>The 32-byte seed, to keep the key in a file.</summary>
    public byte[] ExportSeed() => (byte[])_seed.Clone();

    /// <summary>The 64-byte signature of <paramref name="message"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[SignatureSize];
        Ed25519.Sign(_seed, 0, message.ToArray(), 0, message.Length, signature, 0);
        return signature;
    }

    /// <summary>Whether <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="publicKey"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        publicKey.Length == KeySize && signature.Length == SignatureSize &&
        Ed25519.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, message.ToArray(), 0, message.Length);
}
