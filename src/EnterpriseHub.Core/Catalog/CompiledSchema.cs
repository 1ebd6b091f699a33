using System.Runtime.CompilerServices;

namespace EnterpriseHub.Core.Catalog;

/// <summary>
/// A fact type's fields prepared for validating attributes: lookups that take the property name as
/// characters (no string per property) and the problem texts, built once per definition.
/// </summary>
internal sealed class CompiledSchema
{
    private static readonly ConditionalWeakTable<FactTypeDefinition, CompiledSchema> Cache = [];

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> indexes;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>?[] enumValues;

    private CompiledSchema(FactTypeDefinition type)
    {
        Fields = [.. type.Fields];
        var byName = new Dictionary<string, int>(Fields.Length, StringComparer.Ordinal);
        enumValues = new HashSet<string>.AlternateLookup<ReadOnlySpan<char>>?[Fields.Length];
        EnumProblems = new string[Fields.Length];
        for (var i = 0; i < Fields.Length; i++)
        {
            var field = Fields[i];
            byName.TryAdd(field.Name, i);
            if (field.Type == FieldType.Enum)
            {
                enumValues[i] = new HashSet<string>(field.EnumValues, StringComparer.Ordinal)
                    .GetAlternateLookup<ReadOnlySpan<char>>();
                EnumProblems[i] = "must be one of: " + string.Join(", ", field.EnumValues);
            }
        }

        indexes = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        UnknownFieldProblem = $"is not a field of {type.Name}";
    }

    public FieldSchema[] Fields { get; }

    /// <summary>Per field: the text for a value outside an enum field's list; null for other fields.</summary>
    public string?[] EnumProblems { get; }

    public string UnknownFieldProblem { get; }

    /// <summary>The prepared schema of <paramref name="type"/>, built on first use and kept while the definition lives.</summary>
    public static CompiledSchema For(FactTypeDefinition type) => Cache.GetValue(type, static t => new CompiledSchema(t));

    /// <summary>The position of the field named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> name) => indexes.TryGetValue(name, out var index) ? index : -1;

    public bool AllowsEnumValue(int index, ReadOnlySpan<char> value) => enumValues[index] is { } values && values.Contains(value);
}
