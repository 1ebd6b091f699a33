namespace EnterpriseHub.Core.Catalog;

/// <summary>Configuration section <c>Hub:Catalog</c>.</summary>
public sealed class CatalogOptions
{
    /// <summary>The catalog file loaded at start (fact types and forms); relative paths resolve against the hub's folder.</summary>
    public string Path { get; set; } = "Catalog/catalog.json";
}
