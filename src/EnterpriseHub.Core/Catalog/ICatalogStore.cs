using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Core.Catalog;

/// <summary>The durable catalog: every version of every fact type's definition.</summary>
public interface ICatalogStore
{
    /// <summary>The latest version of every fact type.</summary>
    Task<IReadOnlyList<FactTypeDefinition>> LoadFactTypesAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new version, with its audit record when there is one (a start-up load has none).</summary>
    Task AddFactTypeVersionAsync(
        FactTypeDefinition definition, string changedBy, DateTimeOffset at, AuditEntry? audit, CancellationToken cancellationToken);
}
