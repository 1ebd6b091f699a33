using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Storage.Common;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>SQL of <c>fact_type_versions</c>: one row per version.</summary>
internal static class CatalogTable
{
    /// <summary>
    /// Stores a version; false when the identical definition already holds it (replicas loading the
    /// catalog file together), a conflict when another definition does.
    /// </summary>
    public static async Task<bool> InsertAsync(
        NpgsqlConnection connection, FactTypeDefinition definition, string changedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO fact_type_versions (name, version, definition, changed_by, changed_ticks)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name, version) DO NOTHING;
            """, connection))
        {
            insert.Parameters.Add(new() { Value = definition.Name });
            insert.Parameters.Add(new() { Value = definition.Version });
            insert.Parameters.Add(new() { Value = CatalogColumns.Write(definition) });
            insert.Parameters.Add(new() { Value = changedBy });
            insert.Parameters.Add(new() { Value = at.UtcTicks });
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return true;
            }
        }

        await using var stored = new NpgsqlCommand("SELECT definition FROM fact_type_versions WHERE name = $1 AND version = $2;", connection);
        stored.Parameters.Add(new() { Value = definition.Name });
        stored.Parameters.Add(new() { Value = definition.Version });
        CatalogColumns.EnsureSame((string)(await stored.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, definition);
        return false;
    }

    public static async Task<IReadOnlyList<FactTypeDefinition>> LoadLatestAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT DISTINCT ON (name) definition FROM fact_type_versions ORDER BY name, version DESC;");
        return await Rows.ReadAllAsync(command, CatalogColumns.Read, cancellationToken).ConfigureAwait(false);
    }
}
