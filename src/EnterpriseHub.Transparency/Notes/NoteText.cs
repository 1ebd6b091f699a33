using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EnterpriseHub.Transparency.Notes;

/// <summary>The small lexical rules every format here shares: names, key IDs, base64 and decimals.</summary>
public static class NoteText
{
    /// <summary>UTF-8 that throws on invalid bytes instead of replacing them.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether <paramref name="name"/> may name a key: non-empty, no Unicode space, no plus.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c));

    /// <summary>SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4] as a big-endian integer.</summary>
    public static uint KeyId(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        byte[] input = [.. Encoding.UTF8.GetBytes(name), 0x0A, type, .. publicKey];
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>
    /// Decodes RFC 4648 base64 only in its one canonical spelling: padded, no whitespace, no
    /// non-zero trailing bits (.NET's decoder alone accepts whitespace, so the result is re-encoded and compared).
    /// </summary>
    public static byte[] DecodeBase64(string text, string what)
    {
        var buffer = new byte[text.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) ||
            Convert.ToBase64String(buffer, 0, written) != text)
        {
            throw new NoteFormatException($"{what} is not canonical base64");
        }

        return buffer[..written];
    }

    /// <summary>A non-negative ASCII decimal with no leading zeroes (other than "0" itself).</summary>
    public static long ParseDecimal(string text, string what)
    {
        if (text.Length == 0 || text.Any(c => c is < '0' or > '9') || (text.Length > 1 && text[0] == '0') ||
            !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new NoteFormatException($"{what} is not a decimal number without leading zeroes");
        }

        return value;
    }

    /// <summary>The fixed-length lowercase hex of a key ID.</summary>
    public static string Hex(uint keyId) => keyId.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>A key ID written as exactly eight lowercase hex digits.</summary>
    public static uint ParseKeyIdHex(string text, string what) =>
        text.Length == 8 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'))
            ? uint.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : throw new NoteFormatException($"{what} key ID is not eight lowercase hex digits");
}
