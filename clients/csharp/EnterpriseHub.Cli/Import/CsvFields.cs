using System.Text;

namespace EnterpriseHub.Cli.Import;

/// <summary>RFC 4180 fields: comma-separated, a field in double quotes may hold commas, line breaks and "" for a quote.</summary>
internal static class CsvFields
{
    /// <summary>Whether <paramref name="text"/> ends inside a quoted field (its record goes on on the next line).</summary>
    public static bool IsOpen(string text)
    {
        var quotes = 0;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quotes++;
            }
        }

        return quotes % 2 == 1;
    }

    /// <summary>Splits one record; null with a problem naming the column when it is not well formed.</summary>
    public static List<string>? Split(string text, out string? problem)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        problem = null;
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        problem = $"column {fields.Count + 1}: a quoted field is not closed";
                        return null;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                if (i < text.Length && text[i] != ',')
                {
                    problem = $"column {fields.Count + 1}: text after the closing quote";
                    return null;
                }
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] != ',')
                {
                    if (text[i] == '"')
                    {
                        problem = $"column {fields.Count + 1}: a quote inside an unquoted field";
                        return null;
                    }

                    i++;
                }

                field.Append(text, start, i - start);
            }

            fields.Add(field.ToString());
            if (i >= text.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }
}
