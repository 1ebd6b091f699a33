using System.Text.Json;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using Google.Protobuf.WellKnownTypes;

namespace EnterpriseHub.Server.Exchange;

/// <summary>
/// Converts fact attributes between protobuf <see cref="Struct"/> and the canonical JSON text
/// the store keeps (<see cref="CanonicalJson"/>), so that equal attributes are equal text
/// whatever order a client sent them in.
/// </summary>
internal static class StructJson
{
    /// <summary>The canonical JSON text; NaN or infinity (which JSON cannot hold) refuse <paramref name="field"/>.</summary>
    public static string ToCanonicalJson(Struct value, string field) =>
        CanonicalJson.Write((value, field), static (writer, s) => WriteStruct(writer, s.value, s.field));

    public static Struct FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadStruct(document.RootElement);
    }

    private static void WriteStruct(Utf8JsonWriter writer, Struct value, string field) =>
        CanonicalJson.WriteObject(writer, value.Fields, (w, v) => WriteValue(w, v, field));

    private static void WriteValue(Utf8JsonWriter writer, Value? value, string field)
    {
        switch (value?.KindCase ?? Value.KindOneofCase.None)
        {
            case Value.KindOneofCase.StringValue:
                writer.WriteStringValue(value!.StringValue);
                break;
            case Value.KindOneofCase.NumberValue:
                if (!double.IsFinite(value!.NumberValue))
                {
                    throw new HubValidationException(field, "numbers must be finite: JSON has no NaN or infinity");
                }

                writer.WriteNumberValue(value.NumberValue);
                break;
            case Value.KindOneofCase.BoolValue:
                writer.WriteBooleanValue(value!.BoolValue);
                break;
            case Value.KindOneofCase.StructValue:
                WriteStruct(writer, value!.StructValue, field);
                break;
            case Value.KindOneofCase.ListValue:
                writer.WriteStartArray();
                foreach (var element in value!.ListValue.Values)
                {
                    WriteValue(writer, element, field);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static Struct ReadStruct(JsonElement element)
    {
        var result = new Struct();
        foreach (var property in element.EnumerateObject())
        {
            result.Fields[property.Name] = ReadValue(property.Value);
        }

        return result;
    }

    private static Value ReadValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Value.ForString(element.GetString()!),
        JsonValueKind.Number => Value.ForNumber(element.GetDouble()),
        JsonValueKind.True => Value.ForBool(true),
        JsonValueKind.False => Value.ForBool(false),
        JsonValueKind.Object => Value.ForStruct(ReadStruct(element)),
        JsonValueKind.Array => Value.ForList(element.EnumerateArray().Select(ReadValue).ToArray()),
        _ => Value.ForNull(),
    };
}
