using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>SQL of <c>fact_type_versions</c>: one row per version.</summary>
internal static class CatalogTable
{
    /// <summary>
    /// Stores a version; false when the identical definition already holds it (replicas loading the
    /// catalog file together), a conflict when another definition does.
    /// </summary>
    public static bool Insert(
        SqliteConnection connection, SqliteTransaction transaction, FactTypeDefinition definition, string changedBy, DateTimeOffset at)
    {
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO fact_type_versions (name, version, definition, changed_by, changed_ticks)
                VALUES ($name, $version, $definition, $by, $at) ON CONFLICT (name, version) DO NOTHING;
                """;
            insert.Parameters.AddWithValue("$name", definition.Name);
            insert.Parameters.AddWithValue("$version", definition.Version);
            insert.Parameters.AddWithValue("$definition", CatalogColumns.Write(definition));
            insert.Parameters.AddWithValue("$by", changedBy);
            insert.Parameters.AddWithValue("$at", at.UtcTicks);
            if (insert.ExecuteNonQuery() == 1)
            {
                return true;
            }
        }

        using var stored = connection.CreateCommand();
        stored.Transaction = transaction;
        stored.CommandText = "SELECT definition FROM fact_type_versions WHERE name = $name AND version = $version;";
        stored.Parameters.AddWithValue("$name", definition.Name);
        stored.Parameters.AddWithValue("$version", definition.Version);
        CatalogColumns.EnsureSame((string)stored.ExecuteScalar()!, definition);
        return false;
    }

    public static async Task<IReadOnlyList<FactTypeDefinition>> LoadLatestAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT definition FROM fact_type_versions v
            WHERE version = (SELECT max(version) FROM fact_type_versions WHERE name = v.name) ORDER BY name;
            """;
        return await Rows.ReadAllAsync(command, CatalogColumns.Read, cancellationToken).ConfigureAwait(false);
    }
}
