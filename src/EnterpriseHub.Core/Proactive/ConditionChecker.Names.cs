using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Proactive;

/// <summary>Builtins and fact references: owner.type.field, or owner.type for the type's only numeric field.</summary>
internal sealed partial class ConditionChecker
{
    private Typed Name(NameSyntax syntax)
    {
        var parts = syntax.Parts;
        if (parts.Count == 1)
        {
            var name = parts[0].Text;
            if (scope is not null)
            {
                Problem(syntax.At, $"unknown name '{name}'; this condition reads the fields of {scope}, as {scope}.<field>");
                return Typed.Error(syntax);
            }

            if (Array.IndexOf(Builtins, name) >= 0)
            {
                return new Typed(new BuiltinNode(name), syntax, Shape.String, Path: name);
            }

            Problem(syntax.At, $"unknown name '{name}'; a condition reads {string.Join(", ", Builtins)} or a fact as owner.type.field");
            return Typed.Error(syntax);
        }

        if (parts.Count > 3)
        {
            Problem(parts[3].At, $"'{syntax.Text}' has too many parts; a fact is read as owner.type.field");
            return Typed.Error(syntax);
        }

        if (FactType(syntax) is not { } type)
        {
            return Typed.Error(syntax);
        }

        var field = parts.Count == 3 ? type.Field(parts[2].Text) : OnlyNumber(type, syntax.At);
        if (field is null)
        {
            if (parts.Count == 3)
            {
                Problem(parts[2].At, $"unknown field '{parts[2].Text}' of {type.Name}");
            }

            return Typed.Error(syntax);
        }

        var shape = field.Type switch
        {
            FieldType.String => Shape.String,
            FieldType.Integer or FieldType.Decimal => Shape.Number,
            FieldType.Boolean => Shape.Boolean,
            FieldType.Date => Shape.Date,
            _ => Shape.Enum,
        };

        return new Typed(new FieldNode(type.Name, field), syntax, shape, field, $"{type.Name}.{field.Name}");
    }

    /// <summary>The type named by a reference's first two parts, noted as read; null after reporting an unknown one.</summary>
    private FactTypeDefinition? FactType(NameSyntax syntax)
    {
        var name = $"{syntax.Parts[0].Text}.{syntax.Parts[1].Text}";
        if (scope is not null && name != scope)
        {
            Problem(syntax.At, $"'{name}' is not {scope}; this condition reads only the fields of the fact it is tested on, as {scope}.<field>");
            return null;
        }

        if (types.TryGetValue(name, out var type))
        {
            FactTypes.Add(name);
            return type;
        }

        Problem(syntax.At, $"unknown fact type '{name}'");
        return null;
    }

    /// <summary>What the shorthand owner.type stands for: the type's only integer or decimal field.</summary>
    private FieldSchema? OnlyNumber(FactTypeDefinition type, ConditionPosition at)
    {
        var numbers = type.Fields.Where(field => field.Type is FieldType.Integer or FieldType.Decimal).ToList();
        switch (numbers.Count)
        {
            case 1:
                return numbers[0];
            case 0:
                Problem(at, $"{type.Name} has no integer or decimal field to stand for; name a field, as {type.Name}.<field>");
                return null;
            default:
                Problem(at, $"{type.Name} has several numeric fields ({string.Join(", ", numbers.Select(field => field.Name))}); name one, e.g. {type.Name}.{numbers[0].Name}");
                return null;
        }
    }
}
