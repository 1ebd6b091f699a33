using System.Text.RegularExpressions;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Catalog;

/// <summary>
/// Turns the parsed catalog file into domain types, collecting every problem rather than stopping
/// at the first. Only the listed top-level keys are known; new sections add theirs here.
/// </summary>
internal sealed partial class CatalogParser(string source) : LineJsonParser(source)
{
    private static readonly string[] TopKeys = ["factTypes", "forms"];
    private static readonly string[] FactTypeKeys = ["name", "sharing", "description", "version", "fields"];
    private static readonly string[] DescriptionKeys = ["zh", "en"];
    private static readonly string[] FieldKeys = ["name", "type", "required", "maxLength", "values", "description"];

    public CatalogDocument Read(LineJson root)
    {
        var top = Object(root, "", TopKeys);
        if (top is null)
        {
            return new CatalogDocument([]);
        }

        var factTypes = new List<FactTypeDefinition>();
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = List(Member(top, root, "", "factTypes", required: true), "factTypes") ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (FactType(list[i], $"factTypes[{i}]", firstLines) is { } factType)
            {
                factTypes.Add(factType);
            }
        }

        var forms = Forms(Member(top, root, "", "forms", required: false), factTypes);
        return new CatalogDocument(factTypes, forms);
    }

    private FactTypeDefinition? FactType(LineJson node, string path, Dictionary<string, int> firstLines)
    {
        if (Object(node, path, FactTypeKeys) is not { } properties)
        {
            return null;
        }

        var nameNode = Member(properties, node, path, "name", required: true);
        var name = String(nameNode, Join(path, "name"), nonBlank: false);
        if (name is not null && nameNode is not null)
        {
            if (FactTypeName.Problem(name) is { } problem)
            {
                Problem(nameNode.Line, Join(path, "name"), $"'{name}' {problem}");
            }
            else if (!firstLines.TryAdd(name, nameNode.Line))
            {
                Problem(nameNode.Line, Join(path, "name"), $"'{name}' is already defined on line {firstLines[name]}");
            }
        }

        var sharingNode = Member(properties, node, path, "sharing", required: true);
        SharingClass? sharing = null;
        if (String(sharingNode, Join(path, "sharing"), nonBlank: false) is { } sharingText)
        {
            sharing = CatalogSpelling.Sharing(sharingText);
            if (sharing is null)
            {
                Problem(sharingNode!.Line, Join(path, "sharing"), $"'{sharingText}' is not one of: {CatalogSpelling.SharingChoices}");
            }
        }

        var (zh, en) = Descriptions(Member(properties, node, path, "description", required: true), Join(path, "description"));
        var version = PositiveInteger(Member(properties, node, path, "version", required: false), Join(path, "version")) ?? 1;
        var fields = Fields(Member(properties, node, path, "fields", required: true), Join(path, "fields"));
        return new FactTypeDefinition(name ?? "", sharing ?? SharingClass.NotShared, zh ?? "", en ?? "", version, fields);
    }

    private (string? Zh, string? En) Descriptions(LineJson? node, string path)
    {
        if (node is null || Object(node, path, DescriptionKeys) is not { } properties)
        {
            return (null, null);
        }

        return (String(Member(properties, node, path, "zh", required: true), Join(path, "zh"), nonBlank: true),
            String(Member(properties, node, path, "en", required: true), Join(path, "en"), nonBlank: true));
    }

    private List<FieldSchema> Fields(LineJson? node, string path)
    {
        var fields = new List<FieldSchema>();
        if (List(node, path) is not { } items)
        {
            return fields;
        }

        if (items.Count == 0)
        {
            Problem(node!.Line, path, "must list at least one field");
        }

        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (Field(items[i], $"{path}[{i}]", firstLines) is { } field)
            {
                fields.Add(field);
            }
        }

        return fields;
    }
}
