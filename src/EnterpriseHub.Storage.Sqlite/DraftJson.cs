using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// A batch travels to SQLite as one JSON parameter read with <c>jsonb_each</c>: a handful of
/// set-based statements per batch instead of several statements per fact, which is what makes
/// the append path fast. Each row is <c>[record id, uscc, fact type, effective ticks, attributes]</c>.
/// </summary>
internal static class DraftJson
{
    public const string RecordIdValue = "value->>0";
    public const string UsccValue = "value->>1";
    public const string FactTypeValue = "value->>2";
    public const string EffectiveTicksValue = "value->>3";
    public const string AttributesValue = "value->>4";

    private static readonly JsonWriterOptions Options = new()
    {
        // Only the engine reads this text; escaping every non-ASCII character would only make it larger.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    // A batch's text is ~160 KB: building it in a buffer kept per thread, and binding its UTF-8
    // bytes (read as text with CAST) rather than a string that each bind converts again, keeps the
    // append from allocating several large objects per batch.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _batch;

    /// <summary>The drafts as UTF-8 JSON; the SQL reads the parameter as <c>CAST(@drafts AS TEXT)</c>.</summary>
    public static byte[] Write(IReadOnlyList<FactDraft> drafts) => JsonRows(drafts, static (writer, draft) =>
    {
        writer.WriteStringValue(draft.SourceRecordId);
        writer.WriteStringValue(draft.Uscc);
        writer.WriteStringValue(draft.FactType);
        writer.WriteNumberValue(draft.EffectiveTime.UtcTicks);
        writer.WriteStringValue(draft.AttributesJson);
    });

    /// <summary>One JSON array per row, written by <paramref name="writeRow"/>, as UTF-8 to bind and read with <c>CAST(@p AS TEXT)</c>.</summary>
    public static byte[] JsonRows<T>(IReadOnlyList<T> rows, Action<Utf8JsonWriter, T> writeRow)
    {
        var buffer = _batch ??= new ArrayBufferWriter<byte>(256 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                writeRow(writer, row);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Directory rows <c>[uscc, name, industry]</c>.</summary>
    public static string WriteDirectory(IReadOnlyList<EnterpriseSummary> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(rows.Count * 80);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(row.Uscc);
                writer.WriteStringValue(row.Name);
                writer.WriteStringValue(row.Industry);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
