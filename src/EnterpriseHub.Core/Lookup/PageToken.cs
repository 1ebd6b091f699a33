using System.Buffers.Text;
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
