using EnterpriseHub.Core.Forms;

namespace EnterpriseHub.Core.Catalog;

internal sealed partial class CatalogParser
{
    private static readonly string[] FormKeys = ["name", "title", "fields", "targets"];
    private static readonly string[] FormFieldKeys = ["name", "label", "prefill"];

    private List<FormTemplate> Forms(LineJson? node, IReadOnlyList<FactTypeDefinition> factTypes)
    {
        var forms = new List<FormTemplate>();
        var items = List(node, "forms") ?? [];
        var types = factTypes.DistinctBy(t => t.Name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"forms[{i}]";
            if (Object(items[i], path, FormKeys) is not { } properties)
            {
                continue;
            }

            var name = String(Member(properties, items[i], path, "name", required: true), Join(path, "name"), nonBlank: true) ?? "";
            var (zh, en) = Descriptions(Member(properties, items[i], path, "title", required: true), Join(path, "title"));
            var fields = new List<FormField>();
            var fieldItems = List(Member(properties, items[i], path, "fields", required: true), Join(path, "fields")) ?? [];
            for (var f = 0; f < fieldItems.Count; f++)
            {
                var fieldPath = $"{path}.fields[{f}]";
                if (Object(fieldItems[f], fieldPath, FormFieldKeys) is not { } field)
                {
                    continue;
                }

                var fieldName = String(Member(field, fieldItems[f], fieldPath, "name", required: true), Join(fieldPath, "name"), nonBlank: true) ?? "";
                var label = String(Member(field, fieldItems[f], fieldPath, "label", required: true), Join(fieldPath, "label"), nonBlank: true) ?? "";
                var prefillNode = Member(field, fieldItems[f], fieldPath, "prefill", required: false);
                var prefill = String(prefillNode, Join(fieldPath, "prefill"), nonBlank: true) ?? "";
                var dot = prefill.LastIndexOf('.');
                if (prefill.Length > 0 && (dot < 0 || !types.TryGetValue(prefill[..dot], out var source) || source.Field(prefill[(dot + 1)..]) is null))
                {
                    Problem(prefillNode!.Line, Join(fieldPath, "prefill"), $"'{prefill}' is not a field of a fact type in this file (owner.type.field)");
                }

                fields.Add(new FormField(fieldName, label, prefill));
            }

            var targetsNode = Member(properties, items[i], path, "targets", required: true);
            var targets = new List<string>();
            var targetItems = List(targetsNode, Join(path, "targets")) ?? [];
            for (var t = 0; t < targetItems.Count; t++)
            {
                if (String(targetItems[t], $"{path}.targets[{t}]", nonBlank: true) is not { } target)
                {
                    continue;
                }

                if (!types.ContainsKey(target))
                {
                    Problem(targetItems[t].Line, $"{path}.targets[{t}]", $"'{target}' is not a fact type in this file");
                }

                targets.Add(target);
            }

            if (targetsNode is not null && targets.Count == 0)
            {
                Problem(targetsNode.Line, Join(path, "targets"), "must name at least one fact type");
            }

            forms.Add(new FormTemplate(name, zh ?? "", en ?? "", fields, targets));
        }

        return forms;
    }
}
