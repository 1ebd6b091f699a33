using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// Reads the proto JSON of a <see cref="V1.FactDraft"/> with System.Text.Json, several times faster
/// than the protobuf parser, for the lines written the usual way: each field once, under its JSON or
/// proto name, with the JSON type proto JSON gives it, and the effective time as UTC
/// (<c>2026-04-01T00:00:00Z</c>, at most 7 fraction digits). Anything else answers null, and the
/// protobuf parser decides, so every accepted line reads exactly as the protobuf parser reads it and
/// every refusal keeps its words.
/// </summary>
internal static class FactDraftJson
{
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static V1.FactDraft? TryRead(string text)
    {
        // Surrogates are where the two parsers could differ (System.Text.Json refuses a lone one,
        // written or escaped); such a line takes the slow path.
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return Read(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static V1.FactDraft? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var draft = new V1.FactDraft();
        var seen = 0;
        foreach (var property in root.EnumerateObject())
        {
            var field = property.Name switch
            {
                "uscc" => 1,
                "factType" or "fact_type" => 2,
                "attributes" => 4,
                "effectiveTime" or "effective_time" => 8,
                "sourceRecordId" or "source_record_id" => 16,
                _ => 0,
            };
            if (field == 0 || (seen & field) != 0)
            {
                return null;
            }

            seen |= field;
            var value = property.Value;
            switch (field)
            {
                case 1 when Text(value) is { } uscc:
                    draft.Uscc = uscc;
                    break;
                case 2 when Text(value) is { } type:
                    draft.FactType = type;
                    break;
                case 4 when ReadStruct(value) is { } attributes:
                    draft.Attributes = attributes;
                    break;
                case 8 when Time(value) is { } time:
                    draft.EffectiveTime = time;
                    break;
                case 16 when Text(value) is { } recordId:
                    draft.SourceRecordId = recordId;
                    break;
                default:
                    return null;
            }
        }

        return draft;
    }

    private static string? Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    private static Timestamp? Time(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
        && DateTime.TryParseExact(
            element.GetString(), UtcFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? Timestamp.FromDateTime(time)
            : null;

    private static Struct? ReadStruct(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new Struct();
        foreach (var property in element.EnumerateObject())
        {
            if (ReadValue(property.Value) is not { } value || !result.Fields.TryAdd(property.Name, value))
            {
                return null;
            }
        }

        return result;
    }

    private static Value? ReadValue(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Value.ForString(element.GetString()!);
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) && double.IsFinite(number) ? Value.ForNumber(number) : null;
            case JsonValueKind.True or JsonValueKind.False:
                return Value.ForBool(element.GetBoolean());
            case JsonValueKind.Null:
                return Value.ForNull();
            case JsonValueKind.Object:
                return ReadStruct(element) is { } inner ? Value.ForStruct(inner) : null;
            case JsonValueKind.Array:
                var list = new ListValue();
                foreach (var item in element.EnumerateArray())
                {
                    if (ReadValue(item) is not { } value)
                    {
                        return null;
                    }

                    list.Values.Add(value);
                }

                return new Value { ListValue = list };
            default:
                return null;
        }
    }
}
