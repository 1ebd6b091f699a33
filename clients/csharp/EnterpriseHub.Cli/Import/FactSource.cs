namespace EnterpriseHub.Cli.Import;

/// <summary>The input's formats.</summary>
internal enum InputFormat
{
    /// <summary>One FactDraft as proto JSON per line (<c>.jsonl</c>, <c>.ndjson</c>).</summary>
    JsonLines,

    /// <summary>RFC 4180 CSV with a header row (<c>.csv</c>).</summary>
    Csv,
}

/// <summary>
/// Reads an input file as parsed, checked lines from a byte offset on: each line's draft, or every
/// problem found in it. Streams: holds one line at a time.
/// </summary>
internal abstract class FactSource(LineReader reader, FactChecker checker) : IDisposable
{
    protected LineReader Reader { get; } = reader;

    protected FactChecker Checker { get; } = checker;

    /// <summary>The byte offset after the last line read.</summary>
    public long Offset => Reader.Offset;

    public long Length => Reader.Length;

    /// <summary>
    /// Opens <paramref name="path"/> at <paramref name="offset"/>, after line <paramref name="linesBefore"/>.
    /// A CSV source reads its header first; its problems are returned, and the source is null when there are any.
    /// </summary>
    public static FactSource? Open(
        string path, InputFormat format, FactChecker checker, TypeCatalog catalog, string? type, long offset, long linesBefore,
        out IReadOnlyList<LineProblem> headerProblems)
    {
        headerProblems = [];
        if (format == InputFormat.JsonLines)
        {
            return new JsonLinesSource(new LineReader(path, offset, linesBefore), checker);
        }

        CsvHeader header;
        using (var headerReader = new LineReader(path, 0, 0))
        {
            header = CsvHeader.Read(headerReader, type, out var problems, out var headerEnd);
            headerProblems = problems;
            if (problems.Count > 0)
            {
                return null;
            }

            if (offset < headerEnd)
            {
                (offset, linesBefore) = (headerEnd, headerReader.LinesRead);
            }
        }

        return new CsvSource(new LineReader(path, offset, linesBefore), checker, catalog, header);
    }

    /// <summary>The format <c>--format</c> names, else the one the extension implies; null when neither tells.</summary>
    public static InputFormat? FormatOf(string path, string? format) => (format ?? Path.GetExtension(path).TrimStart('.')).ToLowerInvariant() switch
    {
        "jsonl" or "ndjson" or "json" => InputFormat.JsonLines,
        "csv" => InputFormat.Csv,
        _ => null,
    };

    public abstract bool TryRead(out ParsedLine line);

    public void Dispose() => Reader.Dispose();
}
