using System.Text.Json;
using System.Text.Json.Serialization;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>SQL and serialisation of <c>fact_type_versions</c>: one row per version, the definition as JSON.</summary>
internal static class CatalogTable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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
            insert.Parameters.AddWithValue("$definition", JsonSerializer.Serialize(definition, Json));
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
        return Read((string)stored.ExecuteScalar()!).Equals(definition)
            ? false
            : throw new HubConflictException(
                "FACT_TYPE_VERSION_CONFLICT", $"{definition.Name} version {definition.Version} is stored with another definition");
    }

    public static async Task<IReadOnlyList<FactTypeDefinition>> LoadLatestAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT definition FROM fact_type_versions v
            WHERE version = (SELECT max(version) FROM fact_type_versions WHERE name = v.name) ORDER BY name;
            """;
        var definitions = new List<FactTypeDefinition>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            definitions.Add(Read(reader.GetString(0)));
        }

        return definitions;
    }

    private static FactTypeDefinition Read(string json) =>
        JsonSerializer.Deserialize<FactTypeDefinition>(json, Json) ?? throw new InvalidDataException("A stored fact type definition is empty.");
}
