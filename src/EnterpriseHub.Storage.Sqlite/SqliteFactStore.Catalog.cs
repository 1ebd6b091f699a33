using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The catalog contract: fact type versions.</summary>
public sealed partial class SqliteFactStore
{
    public Task<IReadOnlyList<FactTypeDefinition>> LoadFactTypesAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => CatalogTable.LoadLatestAsync(c, cancellationToken), cancellationToken);

    /// <summary>
    /// Stores a version with its audit record. The identical definition already stored at that
    /// version is no change (no row, no record), so loading the same catalog file again is harmless.
    /// </summary>
    public Task AddFactTypeVersionAsync(
        FactTypeDefinition definition, string changedBy, DateTimeOffset at, AuditEntry? audit, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAuditingAsync(
            (c, t) => CatalogTable.Insert(c, t, definition, changedBy, at), inserted => inserted ? audit : null, cancellationToken));
}
