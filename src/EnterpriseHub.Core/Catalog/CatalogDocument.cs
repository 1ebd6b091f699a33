namespace EnterpriseHub.Core.Catalog;

/// <summary>The catalog file's content: the fact types and the form templates.</summary>
/// <param name="Forms">Form templates whose answers reach every department that needs them.</param>
public sealed record CatalogDocument(IReadOnlyList<FactTypeDefinition> FactTypes, IReadOnlyList<Forms.FormTemplate>? Forms = null)
{
    /// <summary>The form templates (none when the file has no <c>forms</c>).</summary>
    public IReadOnlyList<Forms.FormTemplate> FormTemplates => Forms ?? [];

    public bool Equals(CatalogDocument? other) =>
        other is not null
        && FactTypes.SequenceEqual(other.FactTypes)
        && FormTemplates.Count == other.FormTemplates.Count;

    public override int GetHashCode() => FactTypes.Count;
}
