using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace EnterpriseHub.Cli.Cli;

/// <summary>How values look in tables, and how option words become proto values.</summary>
internal static class Text
{
    /// <summary>A timestamp as ISO 8601 UTC to the second; empty when unset.</summary>
    public static string Time(Timestamp? time) =>
        time is null ? string.Empty : time.ToDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A proto enum value as the word the docs use: <c>NotShared</c> → <c>not_shared</c>; empty when unspecified.</summary>
    public static string Enum<T>(T value)
        where T : struct, System.Enum
    {
        if (Convert.ToInt32(value, CultureInfo.InvariantCulture) == 0)
        {
            return string.Empty;
        }

        var name = value.ToString();
        return string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }

    /// <summary>The enum value a word names (<c>not_shared</c> → <c>NotShared</c>); the unspecified value for an empty word.</summary>
    public static T ParseEnum<T>(string word)
        where T : struct, System.Enum =>
        string.IsNullOrEmpty(word) ? default : System.Enum.Parse<T>(word.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);

    /// <summary>A time option as a timestamp; null when absent.</summary>
    public static Timestamp? Stamp(DateTimeOffset? time) => time is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    /// <summary>Attributes as compact JSON for a table cell.</summary>
    public static string Attributes(Struct? attributes) =>
        attributes is null ? string.Empty : Output.ToJson(attributes);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Join(IEnumerable<string> values) => string.Join(", ", values);
}
