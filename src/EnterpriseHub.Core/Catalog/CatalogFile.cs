using System.Text;
using System.Text.Json;

namespace EnterpriseHub.Core.Catalog;

/// <summary>
/// Reads the catalog file (camelCase JSON): the fact types and the catalog's admins. The format is
/// strict, so a misspelt property is an error rather than a silently ignored setting.
/// </summary>
public static class CatalogFile
{
    /// <summary>Reads and checks the file at <paramref name="path"/>; I/O errors propagate as they are.</summary>
    /// <exception cref="CatalogFileException">The content has problems; all of them are listed.</exception>
    public static CatalogDocument Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Checks <paramref name="json"/>; <paramref name="sourceName"/> prefixes every problem.</summary>
    /// <exception cref="CatalogFileException">The content has problems; all of them are listed.</exception>
    public static CatalogDocument Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);

        LineJson root;
        try
        {
            root = LineJson.Parse(Encoding.UTF8.GetBytes(json));
        }
        catch (JsonException e)
        {
            throw new CatalogFileException([$"{sourceName}:{(e.LineNumber ?? 0) + 1}: not well-formed JSON: {ParserReason(e)}"]);
        }

        var reader = new CatalogReader(sourceName);
        var document = reader.Read(root);
        var problems = reader.Problems;
        return problems.Count == 0 ? document : throw new CatalogFileException(problems);
    }

    // The parser's message ends with its own 0-based position, which the problem already states.
    private static string ParserReason(JsonException e)
    {
        var cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? e.Message : e.Message[..cut];
    }
}
