using System.Buffers.Text;
using System.Text;

namespace EnterpriseHub.Core.Lookup;

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
