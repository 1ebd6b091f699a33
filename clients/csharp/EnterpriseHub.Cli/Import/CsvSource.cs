using System.Globalization;
using EnterpriseHub.Core.Catalog;
using Google.Protobuf.WellKnownTypes;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// CSV records as fact drafts: the attribute columns typed by the fact type's schema (integers and
/// decimals as numbers, booleans as true/false, the rest as strings); an empty cell is no value.
/// A value that does not convert is sent on as text, so the schema check names it in the hub's words.
/// </summary>
internal sealed class CsvSource(LineReader reader, FactChecker checker, TypeCatalog catalog, CsvHeader header) : FactSource(reader, checker)
{
    /// <summary>Reads one record, which runs over several lines while a quoted field is open; numbered by its first line.</summary>
    public static bool TryReadRecord(LineReader reader, out InputLine record)
    {
        if (!reader.TryRead(out record))
        {
            return false;
        }

        if (!CsvFields.IsOpen(record.Text))
        {
            return true;
        }

        var text = record.Text;
        while (CsvFields.IsOpen(text) && reader.TryRead(out var next))
        {
            text += "\n" + next.Text;
            record = record with { Text = text, EndOffset = next.EndOffset };
        }

        return true;
    }

    public override bool TryRead(out ParsedLine line)
    {
        if (!TryReadRecord(Reader, out var input))
        {
            line = null!;
            return false;
        }

        var problems = new List<LineProblem>();
        var cells = CsvFields.Split(input.Text, out var problem);
        V1.FactDraft? draft = null;
        if (cells is null)
        {
            problems.Add(new LineProblem(string.Empty, problem!));
        }
        else if (cells.Count != header.Columns.Count)
        {
            problems.Add(new LineProblem(string.Empty, $"has {cells.Count} columns; the header has {header.Columns.Count}"));
        }
        else
        {
            draft = ToDraft(cells, problems);
            Checker.Check(draft, problems);
        }

        line = new ParsedLine(input, draft, problems);
        return true;
    }

    private V1.FactDraft ToDraft(List<string> cells, List<LineProblem> problems)
    {
        var type = header.FactType >= 0 && cells[header.FactType].Length > 0 ? cells[header.FactType] : header.Type ?? string.Empty;
        var draft = new V1.FactDraft
        {
            Uscc = cells[header.Uscc],
            FactType = type,
            SourceRecordId = cells[header.SourceRecordId],
            Attributes = new Struct(),
        };
        var time = cells[header.EffectiveTime];
        if (time.Length > 0)
        {
            draft.EffectiveTime = ParseTime(time, problems);
        }

        var definition = catalog.Find(type);
        for (var i = 0; i < cells.Count; i++)
        {
            if (header.IsAttribute(i) && cells[i].Length > 0)
            {
                draft.Attributes.Fields[header.Columns[i]] = ToValue(definition?.Field(header.Columns[i])?.Type, cells[i]);
            }
        }

        return draft;
    }

    private static Timestamp? ParseTime(string text, List<LineProblem> problems)
    {
        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day))
        {
            return Timestamp.FromDateTimeOffset(day);
        }

        try
        {
            return Timestamp.Parser.ParseJson($"\"{text.Replace("\"", string.Empty, StringComparison.Ordinal)}\"");
        }
        catch (Exception exception) when (exception is Google.Protobuf.InvalidProtocolBufferException or Google.Protobuf.InvalidJsonException or FormatException)
        {
            problems.Add(new LineProblem("effective_time", "must be an RFC 3339 time (2024-05-01T08:00:00Z) or a date (2024-05-01)"));
            return null;
        }
    }

    private static Value ToValue(FieldType? type, string text) => type switch
    {
        FieldType.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => Value.ForNumber(whole),
        FieldType.Decimal when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => Value.ForNumber(number),
        FieldType.Boolean when bool.TryParse(text, out var flag) => Value.ForBool(flag),
        _ => Value.ForString(text),
    };
}
