using System.Text;
using System.Text.Json;

namespace EnterpriseHub.Core.Catalog;

/// <summary>
/// A parsed JSON value that remembers the line it starts on, so a problem in a hand-edited file can
/// point at its line (<see cref="JsonDocument"/> does not keep positions).
/// </summary>
internal sealed class LineJson
{
    private LineJson(JsonValueKind kind, int line)
    {
        Kind = kind;
        Line = line;
    }

    public JsonValueKind Kind { get; }

    /// <summary>1-based.</summary>
    public int Line { get; }

    /// <summary>A string's value, or a number's text.</summary>
    public string? Text { get; private init; }

    /// <summary>A number's value when it is an integer within <see cref="int"/>'s range.</summary>
    public int? Int32 { get; private init; }

    /// <summary>An object's properties in file order, duplicates kept.</summary>
    public IReadOnlyList<LineProperty> Properties { get; private init; } = [];

    public IReadOnlyList<LineJson> Items { get; private init; } = [];

    /// <summary>Parses one JSON value; throws <see cref="JsonException"/> with the line of malformed text.</summary>
    public static LineJson Parse(ReadOnlySpan<byte> utf8)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        var root = Read(ref reader, lineStarts);
        while (reader.Read())
        {
            // The reader throws on anything but whitespace after the root value.
        }

        return root;
    }

    private static LineJson Read(ref Utf8JsonReader reader, List<int> lineStarts)
    {
        var line = LineOf(reader.TokenStartIndex, lineStarts);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<LineProperty>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var nameLine = LineOf(reader.TokenStartIndex, lineStarts);
                    reader.Read();
                    properties.Add(new LineProperty(name, nameLine, Read(ref reader, lineStarts)));
                }

                return new LineJson(JsonValueKind.Object, line) { Properties = properties };
            case JsonTokenType.StartArray:
                var items = new List<LineJson>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader, lineStarts));
                }

                return new LineJson(JsonValueKind.Array, line) { Items = items };
            case JsonTokenType.String:
                return new LineJson(JsonValueKind.String, line) { Text = reader.GetString() };
            case JsonTokenType.Number:
                return new LineJson(JsonValueKind.Number, line)
                {
                    Text = Encoding.UTF8.GetString(reader.ValueSpan),
                    Int32 = reader.TryGetInt32(out var number) ? number : null,
                };
            case JsonTokenType.True:
                return new LineJson(JsonValueKind.True, line);
            case JsonTokenType.False:
                return new LineJson(JsonValueKind.False, line);
            default:
                return new LineJson(JsonValueKind.Null, line);
        }
    }

    private static int LineOf(long offset, List<int> lineStarts)
    {
        var index = lineStarts.BinarySearch((int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}

/// <summary>An object's property: its name, the line the name is on, and its value.</summary>
internal sealed record LineProperty(string Name, int Line, LineJson Value);
