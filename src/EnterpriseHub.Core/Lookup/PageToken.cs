using System.Buffers.Text;
using System.Globalization;
using System.Text;

using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Lookup;

/// <summary>Page sizes of every paged read: 1 to 500, 50 when the caller sends 0.</summary>
public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    /// <summary>The size to use; an out-of-range request adds a <c>page_size</c> violation.</summary>
    public static int Size(int requested, List<FieldViolation> violations)
    {
        if (requested is < 0 or > MaxSize)
        {
            violations.Add(new FieldViolation("page_size", $"must be between 1 and {MaxSize} (0 for {DefaultSize})"));
        }

        return requested == 0 ? DefaultSize : requested;
    }
}

/// <summary>Opaque page tokens: the keyset position of the last item, base64url-encoded with a kind prefix.</summary>
public static class PageToken
{
    public static string Encode(string kind, string position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{kind}:{position}"));

    /// <summary>A token continuing after (or before) the item with this sequence.</summary>
    public static string EncodeSequence(string kind, long sequence) =>
        Encode(kind, sequence.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The sequence in a token of this kind; null for the first page (an empty token), and null with
    /// a <c>page_token</c> violation when the token is not one this hub issued for this kind.
    /// </summary>
    public static long? DecodeSequence(string kind, string token, List<FieldViolation> violations)
    {
        if (token.Length == 0)
        {
            return null;
        }

        if (long.TryParse(Decode(kind, token), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return sequence;
        }

        violations.Add(new FieldViolation("page_token", "is not a page token this hub issued"));
        return null;
    }

    /// <summary>The position in a token of this kind; null when the token is malformed or of another kind.</summary>
    public static string? Decode(string kind, string token)
    {
        if (token.Length > 256)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith(kind + ":", StringComparison.Ordinal) ? text[(kind.Length + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
