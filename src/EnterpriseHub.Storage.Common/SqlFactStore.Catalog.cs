using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Storage.Common;

/// <summary>The catalog contract: fact type versions, one row each.</summary>
public abstract partial class SqlFactStore
{
    public async Task<IReadOnlyList<FactTypeDefinition>> LoadFactTypesAsync(CancellationToken cancellationToken) =>
        await QueryAsync(
            """
            SELECT definition FROM fact_type_versions v
            WHERE version = (SELECT max(version) FROM fact_type_versions WHERE name = v.name) ORDER BY name;
            """,
            CatalogColumns.Read, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Stores a version with its audit record. The identical definition already stored at that
    /// version is no change (no row, no record): replicas and restarts load the same catalog file.
    /// Another definition there is a conflict.
    /// </summary>
    public Task AddFactTypeVersionAsync(
        FactTypeDefinition definition, string changedBy, DateTimeOffset at, AuditEntry? audit, CancellationToken cancellationToken) =>
        WriteAsync(
            async (c, t) =>
            {
                var inserted = await Sql.ExecuteAsync(c, t, """
                    INSERT INTO fact_type_versions (name, version, definition, changed_by, changed_ticks)
                    VALUES (@name, @version, @definition, @by, @at) ON CONFLICT (name, version) DO NOTHING;
                    """, cancellationToken,
                    ("@name", definition.Name), ("@version", definition.Version), ("@definition", CatalogColumns.Write(definition)),
                    ("@by", changedBy), ("@at", at.UtcTicks)).ConfigureAwait(false) == 1;
                if (!inserted)
                {
                    var stored = await Sql.QueryAsync(
                        c, t, "SELECT definition FROM fact_type_versions WHERE name = @name AND version = @version;", CatalogColumns.Read,
                        cancellationToken, ("@name", definition.Name), ("@version", definition.Version)).ConfigureAwait(false);
                    CatalogColumns.EnsureSame(stored.Single(), definition);
                }

                return inserted;
            },
            inserted => inserted && audit is not null ? [audit] : [],
            cancellationToken);
}
