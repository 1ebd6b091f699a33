namespace EnterpriseHub.Core.Catalog;

/// <summary>The catalog file's content: the fact types and the identities that may manage them.</summary>
/// <param name="Admins">Certificate identities (department codes) allowed to change the catalog.</param>
public sealed record CatalogDocument(IReadOnlyList<FactTypeDefinition> FactTypes, IReadOnlyList<string> Admins)
{
    public bool Equals(CatalogDocument? other) =>
        other is not null
        && FactTypes.SequenceEqual(other.FactTypes)
        && Admins.SequenceEqual(other.Admins, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(FactTypes.Count, Admins.Count);
}
