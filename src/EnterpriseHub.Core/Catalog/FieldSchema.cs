using System.Text.RegularExpressions;

namespace EnterpriseHub.Core.Catalog;

/// <summary>One attribute of a fact type.</summary>
/// <param name="Name">snake_case, unique within the fact type.</param>
/// <param name="MaxLength">For string and enum fields: the most UTF-16 characters a value may have.</param>
/// <param name="EnumValues">For enum fields: the allowed values, in the catalog's order; empty otherwise.</param>
public sealed partial record FieldSchema(
    string Name,
    FieldType Type,
    bool Required,
    int? MaxLength,
    IReadOnlyList<string> EnumValues,
    string Description)
{
    /// <summary>Whether <paramref name="name"/> is a field name: lower snake case, 1 to 64 characters.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    // Records compare list members by reference; two schemas read from two files must compare equal.
    public bool Equals(FieldSchema? other) =>
        other is not null
        && Name == other.Name
        && Type == other.Type
        && Required == other.Required
        && MaxLength == other.MaxLength
        && Description == other.Description
        && EnumValues.SequenceEqual(other.EnumValues, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Name, Type, Required, MaxLength, EnumValues.Count);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex NamePattern();
}
