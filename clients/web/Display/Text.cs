using System.Globalization;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Localization;

namespace EnterpriseHub.Web.Display;

/// <summary>How the pages show times, values and codes: times in China Standard Time, names from the resources.</summary>
internal static class Text
{
    /// <summary>China Standard Time, fixed: the zones' time, with no daylight saving to look up.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static string Time(Timestamp? time) =>
        time is null ? "—" : time.ToDateTimeOffset().ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(Timestamp? time) =>
        time is null ? "—" : time.ToDateTimeOffset().ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Value(Value value) => value.KindCase switch
    {
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue => value.StringValue,
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NumberValue => value.NumberValue.ToString(CultureInfo.InvariantCulture),
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.BoolValue => value.BoolValue ? "✓" : "✗",
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NullValue => "—",
        // Lists and objects as their JSON.
        _ => Google.Protobuf.JsonFormatter.Default.Format(value),
    };

    /// <summary>
    /// Why an access record was made, in the page's language when the page itself made it (its own
    /// reads, the inbox, a form, an objection, a notice read); a department's purpose as it wrote it.
    /// </summary>
    public static string Purpose(IStringLocalizer localizer, AccessRecord record) =>
        record.Department != "portal" ? record.Purpose : (record.Action, record.Purpose) switch
        {
            ("read", "inbox") => localizer["Purpose.Inbox"],
            ("read", _) => localizer["Purpose.SelfService"],
            ("notice.read", _) => localizer["Purpose.NoticeRead"],
            ("declare", var form) when form.StartsWith("form:", StringComparison.Ordinal) => localizer["Purpose.Form"],
            ("declare", _) => localizer["Purpose.Objection"],
            _ => record.Purpose,
        };

    /// <summary>A resource by key, or <paramref name="fallback"/> when the resources have none.</summary>
    public static string Named(IStringLocalizer localizer, string key, string fallback)
    {
        var found = localizer[key];
        return found.ResourceNotFound ? fallback : found.Value;
    }

    public static string Department(IStringLocalizer localizer, string code) => Named(localizer, $"Department.{code}", code);

    public static string Zone(IStringLocalizer localizer, string zone) =>
        string.IsNullOrEmpty(zone) ? "—" : Named(localizer, $"Zone.{zone}", zone);

    public static string Sharing(IStringLocalizer localizer, SharingClass sharing) => localizer[$"Sharing.{sharing}"];

    /// <summary>
    /// A fact type's description in the page's language, from the catalog; for what the access log
    /// names that is no fact type (<c>credit</c>, <c>notices</c>) the resources' name; else the name itself.
    /// </summary>
    public static string FactType(IStringLocalizer localizer, IReadOnlyDictionary<string, FactType> catalog, string name)
    {
        if (!catalog.TryGetValue(name, out var type))
        {
            return Named(localizer, $"Read.{name}", name);
        }

        var text = IsChinese ? type.DescriptionZh : type.DescriptionEn;
        return string.IsNullOrWhiteSpace(text) ? name : text;
    }

    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string Level(IStringLocalizer localizer, CreditLevel level) => localizer[$"Credit.{level}"];
}
