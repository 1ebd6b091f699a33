using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Catalog;

/// <summary>
/// Checks a fact's attributes against its type's schema. Runs for every published fact, so it reads
/// the JSON once with <see cref="Utf8JsonReader"/> and allocates only for the problems it reports.
/// </summary>
public static class AttributeValidator
{
    private const int StackLimit = 1024;

    /// <summary>
    /// Adds one violation per problem to <paramref name="violations"/>, each at
    /// <c>{path}.{field}</c>; descriptions never hold the value sent.
    /// </summary>
    /// <param name="attributesJson">A JSON object's text, e.g. canonical attributes.</param>
    /// <param name="path">Where the attributes sit in the request, e.g. <c>facts[3].attributes</c>.</param>
    public static void Validate(FactTypeDefinition type, string attributesJson, string path, List<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(attributesJson);
        ArgumentNullException.ThrowIfNull(violations);

        var schema = CompiledSchema.For(type);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(attributesJson.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(attributesJson, buffer);
            Validate(schema, buffer[..length], path, violations);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void Validate(CompiledSchema schema, ReadOnlySpan<byte> json, string path, List<FieldViolation> violations)
    {
        var fields = schema.Fields;
        var seen = fields.Length <= 128 ? stackalloc bool[128] : new bool[fields.Length];
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                violations.Add(new FieldViolation(path, "must be a JSON object"));
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = IndexOf(schema, ref reader);
                if (index < 0)
                {
                    violations.Add(new FieldViolation(path + "." + reader.GetString(), schema.UnknownFieldProblem));
                    SkipValue(ref reader);
                    continue;
                }

                var field = fields[index];
                if (seen[index])
                {
                    violations.Add(new FieldViolation(path + "." + field.Name, "appears more than once"));
                    SkipValue(ref reader);
                    continue;
                }

                seen[index] = true;
                reader.Read();
                if (ValueProblem(schema, index, ref reader) is { } problem)
                {
                    violations.Add(new FieldViolation(path + "." + field.Name, problem));
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            violations.Add(new FieldViolation(path, "must be a JSON object"));
            return;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Required && !seen[i])
            {
                violations.Add(new FieldViolation(path + "." + fields[i].Name, "is required"));
            }
        }
    }

    private static int IndexOf(CompiledSchema schema, ref Utf8JsonReader reader)
    {
        // Unescaped text has at most as many characters as bytes.
        if (reader.ValueSpan.Length > 128)
        {
            return schema.IndexOf(reader.GetString());
        }

        Span<char> name = stackalloc char[128];
        return schema.IndexOf(name[..reader.CopyString(name)]);
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static string? ValueProblem(CompiledSchema schema, int index, ref Utf8JsonReader reader)
    {
        var field = schema.Fields[index];
        var token = reader.TokenType;
        if (token == JsonTokenType.Null)
        {
            return field.Required ? "is required" : null;
        }

        return field.Type switch
        {
            FieldType.String => token != JsonTokenType.String ? "must be a string" : LengthProblem(field, ref reader),
            FieldType.Integer => token == JsonTokenType.Number && IsInteger(ref reader) ? null : "must be an integer",
            FieldType.Decimal => token == JsonTokenType.Number ? null : "must be a number",
            FieldType.Boolean => token is JsonTokenType.True or JsonTokenType.False ? null : "must be true or false",
            FieldType.Date => token == JsonTokenType.String && IsDate(ref reader) ? null : "must be a date YYYY-MM-DD",
            FieldType.Enum => token == JsonTokenType.String && IsEnumValue(schema, index, ref reader)
                ? LengthProblem(field, ref reader)
                : schema.EnumProblems[index],
            _ => "has a type the hub does not know",
        };
    }

    // Struct attributes arrive as doubles, so 1E+15 and 3.0 are integers too.
    private static bool IsInteger(ref Utf8JsonReader reader) =>
        reader.TryGetInt64(out _)
        || (reader.TryGetDecimal(out var value) && value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue);

    private static string? LengthProblem(FieldSchema field, ref Utf8JsonReader reader)
    {
        if (field.MaxLength is not { } maxLength || reader.ValueSpan.Length <= maxLength)
        {
            return null;
        }

        var length = reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);
        return length <= maxLength ? null : $"must be at most {maxLength} characters";
    }

    private static bool IsDate(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > 64)
        {
            return false;
        }

        Span<char> text = stackalloc char[64];
        var length = reader.CopyString(text);
        if (length != 10)
        {
            return false;
        }

        for (var i = 0; i < 10; i++)
        {
            if (i is 4 or 7 ? text[i] != '-' : !char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    private static bool IsEnumValue(CompiledSchema schema, int index, ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > 256)
        {
            return schema.AllowsEnumValue(index, reader.GetString());
        }

        Span<char> text = stackalloc char[256];
        return schema.AllowsEnumValue(index, text[..reader.CopyString(text)]);
    }
}
