using System.Text;

namespace EnterpriseHub.Storage.Common;

/// <summary>The directory search's patterns, as the engines' pattern matches take them.</summary>
internal static class DirectorySearch
{
    /// <summary>Escapes LIKE's wildcards (and the escape itself) with a backslash, for <c>ESCAPE '\'</c>.</summary>
    public static string EscapeLike(string fragment)
    {
        var escaped = new StringBuilder(fragment.Length + 4);
        foreach (var c in fragment)
        {
            if (c is '%' or '_' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
