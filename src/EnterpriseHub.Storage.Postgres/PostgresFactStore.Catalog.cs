using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>The catalog contract: fact type versions.</summary>
public sealed partial class PostgresFactStore
{
    public Task<IReadOnlyList<FactTypeDefinition>> LoadFactTypesAsync(CancellationToken cancellationToken) =>
        Guard(() => CatalogTable.LoadLatestAsync(dataSource, cancellationToken));

    /// <summary>
    /// Stores a version with its audit record. The identical definition already stored at that
    /// version is no change (no row, no record): replicas starting together load the same catalog file.
    /// </summary>
    public Task AddFactTypeVersionAsync(
        FactTypeDefinition definition, string changedBy, DateTimeOffset at, AuditEntry? audit, CancellationToken cancellationToken) =>
        WriteAsync(
            c => CatalogTable.InsertAsync(c, definition, changedBy, at, cancellationToken),
            inserted => inserted && audit is not null ? [audit] : [],
            cancellationToken);
}
