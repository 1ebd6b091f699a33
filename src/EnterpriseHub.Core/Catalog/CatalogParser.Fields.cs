using System.Text.Json;

namespace EnterpriseHub.Core.Catalog;

/// <summary>One field of a fact type in the catalog file.</summary>
internal sealed partial class CatalogParser
{
    private FieldSchema? Field(LineJson node, string path, Dictionary<string, int> firstLines)
    {
        if (Object(node, path, FieldKeys) is not { } properties)
        {
            return null;
        }

        var nameNode = Member(properties, node, path, "name", required: true);
        var name = String(nameNode, Join(path, "name"), nonBlank: false);
        if (name is not null && nameNode is not null)
        {
            if (!FieldSchema.IsValidName(name))
            {
                Problem(nameNode.Line, Join(path, "name"), $"'{name}' is not a field name (lower case letters, digits and _, starting with a letter, at most 64 characters)");
            }
            else if (!firstLines.TryAdd(name, nameNode.Line))
            {
                Problem(nameNode.Line, Join(path, "name"), $"'{name}' is already a field of this type, on line {firstLines[name]}");
            }
        }

        var typeNode = Member(properties, node, path, "type", required: true);
        FieldType? type = null;
        if (String(typeNode, Join(path, "type"), nonBlank: false) is { } typeText)
        {
            type = CatalogSpelling.Field(typeText);
            if (type is null)
            {
                Problem(typeNode!.Line, Join(path, "type"), $"'{typeText}' is not one of: {CatalogSpelling.FieldTypeChoices}");
            }
        }

        var required = Boolean(Member(properties, node, path, "required", required: false), Join(path, "required")) ?? false;
        var maxLengthNode = Member(properties, node, path, "maxLength", required: false);
        var maxLength = PositiveInteger(maxLengthNode, Join(path, "maxLength"));
        if (maxLength is not null && type is not null and not (FieldType.String or FieldType.Enum))
        {
            Problem(maxLengthNode!.Line, Join(path, "maxLength"), "is only allowed on string and enum fields");
        }

        var values = EnumValues(Member(properties, node, path, "values", required: false), node, path, type, maxLength);
        var description = String(Member(properties, node, path, "description", required: false), Join(path, "description"), nonBlank: false) ?? "";
        return new FieldSchema(name ?? "", type ?? FieldType.String, required, maxLength, values, description);
    }

    private List<string> EnumValues(LineJson? node, LineJson owner, string path, FieldType? type, int? maxLength)
    {
        var values = new List<string>();
        path = Join(path, "values");
        if (type is not FieldType.Enum)
        {
            if (node is not null && type is not null)
            {
                Problem(node.Line, path, "is only allowed on enum fields");
            }

            return values;
        }

        if (node is null)
        {
            Problem(owner.Line, path, "is required for an enum field");
            return values;
        }

        var items = List(node, path) ?? [];
        if (node.Kind == JsonValueKind.Array && items.Count == 0)
        {
            Problem(node.Line, path, "must list at least one value");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (String(items[i], at, nonBlank: true) is not { } value)
            {
                continue;
            }

            if (values.Contains(value, StringComparer.Ordinal))
            {
                Problem(items[i].Line, at, $"'{value}' is listed more than once");
            }
            else if (value.Length > maxLength)
            {
                Problem(items[i].Line, at, $"'{value}' is longer than the field's maxLength {maxLength}");
            }
            else
            {
                values.Add(value);
            }
        }

        return values;
    }

}
