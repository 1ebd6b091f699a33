using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Storage.Common;

/// <summary>How a fact type version is kept in <c>fact_type_versions.definition</c>: the definition as JSON.</summary>
internal static class CatalogColumns
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(FactTypeDefinition definition) => JsonSerializer.Serialize(definition, Json);

    public static FactTypeDefinition Read(string json) =>
        JsonSerializer.Deserialize<FactTypeDefinition>(json, Json) ?? throw new InvalidDataException("A stored fact type definition is empty.");

    /// <summary>Reads a row whose first column is a definition.</summary>
    public static FactTypeDefinition Read(DbDataReader reader) => Read(reader.GetString(0));

    /// <summary>
    /// Accepts the version already stored when it holds the identical definition (replicas or
    /// restarts loading the same catalog file); another definition there is a conflict.
    /// </summary>
    public static void EnsureSame(FactTypeDefinition stored, FactTypeDefinition definition)
    {
        if (!stored.Equals(definition))
        {
            throw new HubConflictException(
                "FACT_TYPE_VERSION_CONFLICT", $"{definition.Name} version {definition.Version} is stored with another definition");
        }
    }
}
