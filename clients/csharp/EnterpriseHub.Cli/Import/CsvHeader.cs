namespace EnterpriseHub.Cli.Import;

/// <summary>
/// A CSV file's header: where the columns <c>uscc</c>, <c>fact_type</c> (unless <c>--type</c>),
/// <c>source_record_id</c> and <c>effective_time</c> are; every other column is an attribute.
/// </summary>
internal sealed record CsvHeader(IReadOnlyList<string> Columns, int Uscc, int FactType, int SourceRecordId, int EffectiveTime, string? Type)
{
    public static CsvHeader Read(LineReader reader, string? type, out List<LineProblem> problems, out long end)
    {
        var found = problems = [];
        if (!CsvSource.TryReadRecord(reader, out var line))
        {
            problems.Add(new LineProblem("header", "the file is empty; a CSV import starts with a header row"));
            end = 0;
            return new CsvHeader([], -1, -1, -1, -1, type);
        }

        end = line.EndOffset;
        var columns = CsvFields.Split(line.Text, out var problem) ?? [];
        if (problem is not null)
        {
            problems.Add(new LineProblem("header", problem));
        }

        columns = [.. columns.Select(c => c.Trim())];
        foreach (var duplicate in columns.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new LineProblem(duplicate.Key, "the column appears more than once"));
        }

        int Index(string name, bool required)
        {
            var index = columns.IndexOf(name);
            if (index < 0 && required)
            {
                found.Add(new LineProblem(name, "the header has no such column; it is required"
                    + (name == "fact_type" ? " (or give --type when the file holds one type)" : string.Empty)));
            }

            return index;
        }

        return new CsvHeader(
            columns, Index("uscc", true), Index("fact_type", type is null), Index("source_record_id", true), Index("effective_time", true), type);
    }

    public bool IsAttribute(int index) => index != Uscc && index != FactType && index != SourceRecordId && index != EffectiveTime;
}
