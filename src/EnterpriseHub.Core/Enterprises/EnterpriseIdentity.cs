using System.Text.Json;

namespace EnterpriseHub.Core.Enterprises;

/// <summary>
/// Where an enterprise's directory entry comes from: the market regulator's business licence
/// carries the registered name and the industry code.
/// </summary>
public static class EnterpriseIdentity
{
    /// <summary>The fact type whose current fact names the enterprise.</summary>
    public const string LicenceFactType = "amr.business_license";

    /// <summary>
    /// Whether a fact of this type names its enterprise once it is current: the one place that
    /// says so (the stores keep the directory by it, and never in their SQL).
    /// </summary>
    public static bool Names(string factType) => factType == LicenceFactType;

    /// <summary>Reads name and industry from a licence's attributes; missing ones are empty.</summary>
    public static (string Name, string Industry) FromLicence(string attributesJson)
    {
        using var document = JsonDocument.Parse(attributesJson);
        return (ReadString(document.RootElement, "name"), ReadString(document.RootElement, "industry"));
    }

    private static string ReadString(JsonElement root, string property) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;
}
