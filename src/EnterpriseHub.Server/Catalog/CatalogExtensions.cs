using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Server.Catalog;

internal static class CatalogExtensions
{
    /// <summary>The fact types in force, loaded at start from the catalog file and the store.</summary>
    public static void AddHubCatalog(this WebApplicationBuilder builder) => builder.Services.AddSingleton<FactTypeCatalog>();

    /// <summary>Brings the catalog file's types into the store and loads the catalog; the rules files are checked against it after.</summary>
    public static Task LoadCatalogAsync(this WebApplication app, string path, CancellationToken cancellationToken) =>
        app.Services.GetRequiredService<FactTypeCatalog>().LoadAsync(CatalogFile.Load(path), cancellationToken);
}
