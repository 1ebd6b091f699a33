namespace EnterpriseHub.Core.Catalog;

/// <summary>One attribute of a fact type.</summary>
/// <param name="Name">snake_case, unique within the fact type.</param>
/// <param name="MaxLength">For string and enum fields: the most UTF-16 characters a value may have.</param>
/// <param name="EnumValues">For enum fields: the allowed values, in the catalog's order; empty otherwise.</param>
public sealed record FieldSchema(
    string Name,
    FieldType Type,
    bool Required,
    int? MaxLength,
    IReadOnlyList<string> EnumValues,
    string Description)
{
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
}
