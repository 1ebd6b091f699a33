using System.Text.Json;
using System.Text.Json.Serialization;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

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
            insert.Parameters.Add(new() { Value = JsonSerializer.Serialize(definition, Json) });
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
        var existing = Read((string)(await stored.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
        return existing.Equals(definition)
            ? false
            : throw new HubConflictException(
                "FACT_TYPE_VERSION_CONFLICT", $"{definition.Name} version {definition.Version} is stored with another definition");
    }

    public static async Task<IReadOnlyList<FactTypeDefinition>> LoadLatestAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT DISTINCT ON (name) definition FROM fact_type_versions ORDER BY name, version DESC;");
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
