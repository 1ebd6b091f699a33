using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The catalog contract: fact type versions.</summary>
public sealed partial class SqliteFactStore
{
    public Task<IReadOnlyList<FactTypeDefinition>> LoadFactTypesAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => CatalogTable.LoadLatestAsync(c, cancellationToken), cancellationToken);

    public Task AddFactTypeVersionAsync(
        FactTypeDefinition definition, string changedBy, DateTimeOffset at, AuditEntry? audit, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAsync((c, t) => CatalogTable.Insert(c, t, definition, changedBy, at), audit, cancellationToken));
}
