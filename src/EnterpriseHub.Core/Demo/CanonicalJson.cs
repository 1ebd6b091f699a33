using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EnterpriseHub.Core.Demo;

/// <summary>Writes attribute objects as canonical JSON: keys sorted ordinally, compact.</summary>
/// <remarks>
/// Written with <see cref="Utf8JsonWriter"/> rather than <see cref="JsonSerializer"/>: the serializer
/// needs reflection, which trimmed and native-AOT hosts (e.g. a file-based tool) switch off.
/// </remarks>
internal static class CanonicalJson
{
    // Relaxed escaping keeps Chinese text readable; the output is stored, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the properties whose value is not null; values are strings, ints or longs.</summary>
    public static string Object(params ReadOnlySpan<(string Key, object? Value)> properties)
    {
        var sorted = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            if (value is not null)
            {
                sorted.Add(key, value);
            }
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in sorted)
            {
                writer.WritePropertyName(key);
                switch (value)
                {
                    case string text:
                        writer.WriteStringValue(text);
                        break;
                    case int number:
                        writer.WriteNumberValue(number);
                        break;
                    case long number:
                        writer.WriteNumberValue(number);
                        break;
                    default:
                        throw new ArgumentException($"Property '{key}' has an unsupported type.", nameof(properties));
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
