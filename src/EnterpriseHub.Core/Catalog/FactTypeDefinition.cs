using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Catalog;

/// <summary>A fact type as the catalog defines it: its name, who may read it and its fields.</summary>
/// <param name="Name"><c>owner.name</c>, e.g. <c>amr.business_license</c>.</param>
/// <param name="Version">Starts at 1; the catalog raises it with every accepted schema change.</param>
/// <param name="Fields">In the catalog's order.</param>
public sealed record FactTypeDefinition(
    string Name,
    SharingClass Sharing,
    string DescriptionZh,
    string DescriptionEn,
    int Version,
    IReadOnlyList<FieldSchema> Fields)
{
    /// <summary>The department that owns and alone publishes the type.</summary>
    public string Owner => FactTypeName.Owner(Name);

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public FieldSchema? Field(string name)
    {
        foreach (var field in Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    // Records compare list members by reference; compare the fields one by one instead.
    public bool Equals(FactTypeDefinition? other) =>
        other is not null
        && Name == other.Name
        && Sharing == other.Sharing
        && DescriptionZh == other.DescriptionZh
        && DescriptionEn == other.DescriptionEn
        && Version == other.Version
        && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => HashCode.Combine(Name, Sharing, Version, Fields.Count);
}
