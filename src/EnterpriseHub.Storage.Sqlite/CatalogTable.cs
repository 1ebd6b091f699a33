using System.Text.Json;
using System.Text.Json.Serialization;
using EnterpriseHub.Core.Catalog;
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

    public static int Insert(
        SqliteConnection connection, SqliteTransaction transaction, FactTypeDefinition definition, string changedBy, DateTimeOffset at)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO fact_type_versions (name, version, definition, changed_by, changed_ticks)
            VALUES ($name, $version, $definition, $by, $at);
            """;
        command.Parameters.AddWithValue("$name", definition.Name);
        command.Parameters.AddWithValue("$version", definition.Version);
        command.Parameters.AddWithValue("$definition", JsonSerializer.Serialize(definition, Json));
        command.Parameters.AddWithValue("$by", changedBy);
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        return command.ExecuteNonQuery();
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
            definitions.Add(JsonSerializer.Deserialize<FactTypeDefinition>(reader.GetString(0), Json)
                ?? throw new InvalidDataException("A stored fact type definition is empty."));
        }

        return definitions;
    }
}
