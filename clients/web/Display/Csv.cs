namespace EnterpriseHub.Web.Display;

/// <summary>RFC 4180 rows, with cells that a spreadsheet would take for a formula defused.</summary>
internal static class Csv
{
    public static string Row(params string[] cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
