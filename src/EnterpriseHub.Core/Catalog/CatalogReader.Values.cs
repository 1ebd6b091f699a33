using System.Text.Json;

namespace EnterpriseHub.Core.Catalog;

/// <summary>Typed reads that record a problem, with its line, instead of throwing.</summary>
internal sealed partial class CatalogReader
{
    /// <summary>An object's properties by name, or null when <paramref name="node"/> is no object.</summary>
    private Dictionary<string, LineProperty>? Object(LineJson node, string path, string[] allowed)
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

    private LineJson? Member(Dictionary<string, LineProperty> properties, LineJson owner, string path, string name, bool required)
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
    private string? String(LineJson? node, string path, bool nonBlank)
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

    private IReadOnlyList<LineJson>? List(LineJson? node, string path)
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

    private int? PositiveInteger(LineJson? node, string path)
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

    private bool? Boolean(LineJson? node, string path)
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

    private void Problem(int line, string path, string message) =>
        problems.Add((line, path.Length == 0 ? $"{source}:{line}: {message}" : $"{source}:{line}: {path}: {message}"));

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
