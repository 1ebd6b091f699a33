using EnterpriseHub.Core.Errors;
namespace EnterpriseHub.Core.Catalog;

/// <summary>
/// Reads the catalog file (camelCase JSON): the fact types and the form templates. The format is
/// strict, so a misspelt property is an error rather than a silently ignored setting.
/// </summary>
public static class CatalogFile
{
    /// <summary>Reads and checks the file at <paramref name="path"/>; I/O errors propagate as they are.</summary>
    /// <exception cref="RulesFileException">The content has problems; all of them are listed.</exception>
    public static CatalogDocument Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Checks <paramref name="json"/>; <paramref name="sourceName"/> prefixes every problem.</summary>
    /// <exception cref="RulesFileException">The content has problems; all of them are listed.</exception>
    public static CatalogDocument Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);

        if (LineJsonParser.Parse(json, sourceName, out var syntax) is not { } root)
        {
            throw new RulesFileException("catalog file", [syntax!]);
        }

        var reader = new CatalogParser(sourceName);
        var document = reader.Read(root);
        var problems = reader.Problems;
        return problems.Count == 0 ? document : throw new RulesFileException("catalog file", problems);
    }
}
