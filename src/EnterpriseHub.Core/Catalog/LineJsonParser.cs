using System.Globalization;
using System.Text;
using System.Text.Json;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Core.Catalog;

/// <summary>
/// Typed reads over a <see cref="LineJson"/> tree that record a problem, with its line, instead of
/// throwing, so a hand-edited file's every problem is reported at once. Shared by the catalog file
/// and the credit rules file.
/// </summary>
internal abstract class LineJsonParser(string source)
{
    private readonly List<(int Line, string Text)> problems = [];

    /// <summary>Every problem found so far, top of the file first (a stable sort keeps each line's in reading order).</summary>
    public IReadOnlyList<string> Problems => [.. problems.OrderBy(problem => problem.Line).Select(problem => problem.Text)];

    /// <summary>
    /// Parses <paramref name="json"/>; on malformed text returns null and the one problem the
    /// parser can name, as <c>source:line: not well-formed JSON: ...</c>.
    /// </summary>
    public static LineJson? Parse(string json, string sourceName, out string? problem)
    {
        try
        {
            problem = null;
            return LineJson.Parse(Encoding.UTF8.GetBytes(json));
        }
        catch (JsonException e)
        {
            problem = $"{sourceName}:{(e.LineNumber ?? 0) + 1}: not well-formed JSON: {ParserReason(e)}";
            return null;
        }
    }

    /// <summary>An object's properties by name, or null when <paramref name="node"/> is no object.</summary>
    protected Dictionary<string, LineProperty>? Object(LineJson node, string path, string[] allowed)
    {
        if (node.Kind != JsonValueKind.Object)
        {
            Problem(node.Line, path, "must be an object");
            return null;
        }

        var properties = new Dictionary<string, LineProperty>(StringComparer.Ordinal);
        foreach (var property in node.Properties)
        {
            var at = Join(path, property.Name);
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                Problem(property.Line, at, $"unknown property; expected one of: {string.Join(", ", allowed)}");
            }
            else if (!properties.TryAdd(property.Name, property))
            {
                Problem(property.Line, at, $"appears more than once (first on line {properties[property.Name].Line})");
            }
        }

        return properties;
    }

    protected LineJson? Member(Dictionary<string, LineProperty> properties, LineJson owner, string path, string name, bool required)
    {
        if (properties.TryGetValue(name, out var property))
        {
            return property.Value;
        }

        if (required)
        {
            Problem(owner.Line, Join(path, name), "is required");
        }

        return null;
    }

    /// <summary>A string, or null when absent or of another kind; required strings must not be blank.</summary>
    protected string? String(LineJson? node, string path, bool nonBlank)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Kind != JsonValueKind.String)
        {
            Problem(node.Line, path, "must be a string");
            return null;
        }

        if (nonBlank && string.IsNullOrWhiteSpace(node.Text))
        {
            Problem(node.Line, path, "must not be empty");
            return null;
        }

        return node.Text;
    }

    protected IReadOnlyList<LineJson>? List(LineJson? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Kind != JsonValueKind.Array)
        {
            Problem(node.Line, path, "must be a list");
            return null;
        }

        return node.Items;
    }

    protected int? PositiveInteger(LineJson? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Int32 is not > 0)
        {
            Problem(node.Line, path, "must be a positive integer");
            return null;
        }

        return node.Int32;
    }

    /// <summary>A JSON number as a decimal, or null when absent, of another kind or beyond decimal's range.</summary>
    protected decimal? Number(LineJson? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Kind != JsonValueKind.Number
            || !decimal.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Problem(node.Line, path, "must be a number");
            return null;
        }

        return value;
    }

    protected bool? Boolean(LineJson? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Kind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem(node.Line, path, "must be true or false");
            return null;
        }

        return node.Kind == JsonValueKind.True;
    }

    /// <summary>
    /// The <c>name</c> member of an entry: required, a valid lower_snake name, and not taken by an
    /// earlier entry (<paramref name="firstLines"/> remembers where each was first named).
    /// </summary>
    protected string? UniqueName(
        Dictionary<string, LineProperty> properties, LineJson owner, string path, Dictionary<string, int> firstLines, string noun)
    {
        var nameNode = Member(properties, owner, path, "name", required: true);
        var name = String(nameNode, Join(path, "name"), nonBlank: false);
        if (name is not null)
        {
            if (!FieldSchema.IsValidName(name))
            {
                Problem(nameNode!.Line, Join(path, "name"), $"'{name}' is not a {noun} name (lower case letters, digits and _, starting with a letter, at most 64 characters)");
            }
            else if (!firstLines.TryAdd(name, nameNode!.Line))
            {
                Problem(nameNode.Line, Join(path, "name"), $"'{name}' is already a {noun}, on line {firstLines[name]}");
            }
        }

        return name;
    }

    protected void Problem(int line, string path, string message) =>
        problems.Add((line, path.Length == 0 ? $"{source}:{line}: {message}" : $"{source}:{line}: {path}: {message}"));

    /// <summary>
    /// A condition's problems on the line of the string that holds it, each at its column within the
    /// condition (and its line, when the condition spans several).
    /// </summary>
    protected void ConditionProblems(LineJson node, string path, ConditionException error)
    {
        foreach (var problem in error.Problems)
        {
            var at = problem.Line == 1 ? $"column {problem.Column}" : $"line {problem.Line}, column {problem.Column} of the condition";
            Problem(node.Line, path, $"{at}: {problem.Reason}");
        }
    }

    protected static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    // The parser's message ends with its own 0-based position, which the problem already states.
    private static string ParserReason(JsonException e)
    {
        var cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? e.Message : e.Message[..cut];
    }
}
