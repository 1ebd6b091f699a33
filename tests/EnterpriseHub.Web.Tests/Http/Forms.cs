using System.Text.RegularExpressions;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>Form posts as a browser makes them: the antiforgery token from the page, then the fields.</summary>
internal static partial class Forms
{
    public static FormUrlEncodedContent WithToken(string page, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", Token(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    public static string Token(string page) => TokenPattern().Match(page) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
