using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EnterpriseHub.Core.Facts;

/// <summary>
/// Fact attributes as the canonical JSON text the store keeps: every object's keys sorted
/// ordinally, compact, non-ASCII text as itself. Publishing is idempotent on this text (a draft
/// whose record is stored with the same text is a duplicate), so every writer of attributes — the
/// gRPC mapping, the portal's declarations, the demo data — writes through here.
/// </summary>
/// <remarks>
/// Written with <see cref="Utf8JsonWriter"/> rather than <see cref="JsonSerializer"/>: the serializer
/// needs reflection, which trimmed and native-AOT hosts (e.g. a file-based tool) switch off.
/// </remarks>
public static class CanonicalJson
{
    // Relaxed escaping keeps Chinese text readable; the output is stored, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>The text that <paramref name="write"/> writes (one JSON value), on a per-thread buffer.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Write(write, static (writer, w) => w(writer));
    }

    /// <summary>The text that <paramref name="write"/> writes of <paramref name="state"/>; with a static lambda, nothing is allocated but the text.</summary>
    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes an object with its properties in canonical (ordinal) key order, each value by <paramref name="writeValue"/>.</summary>
    public static void WriteObject<T>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, T>> properties, Action<Utf8JsonWriter, T> writeValue)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(writeValue);
        // Published attributes pass here once per fact: a sorted copy costs one array, OrderBy several objects.
        var sorted = properties.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        writer.WriteStartObject();
        foreach (var (key, value) in sorted)
        {
            writer.WritePropertyName(key);
            writeValue(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>A flat object of the properties whose value is not null; values are strings, ints or longs.</summary>
    public static string Object(params ReadOnlySpan<(string Key, object? Value)> properties)
    {
        var present = new List<KeyValuePair<string, object>>(properties.Length);
        foreach (var (key, value) in properties)
        {
            if (value is not null)
            {
                present.Add(new(key, value));
            }
        }

        return Write(writer => WriteObject(writer, present, WriteScalar));
    }

    private static void WriteScalar(Utf8JsonWriter writer, object value)
    {
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
                throw new ArgumentException($"A value of type {value.GetType().Name} is not a string, int or long.", nameof(value));
        }
    }
}
