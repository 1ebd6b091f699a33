using EnterpriseHub.Cli.Cli;

namespace EnterpriseHub.Cli.Import;

/// <summary>The end of an import or a check: a table for people, or one JSON object on standard output.</summary>
internal static class ImportSummary
{
    public static void Show(Output output, string status, string input, ImportCounts counts, string? rejectsPath, string? statePath)
    {
        if (output.IsJson)
        {
            output.Json(json =>
            {
                json.WriteString("status", status);
                json.WriteString("input", input);
                json.WriteNumber("lines", counts.LinesRead);
                json.WriteNumber("settledLine", counts.Line);
                json.WriteNumber("stored", counts.Stored);
                json.WriteNumber("duplicates", counts.Duplicates);
                json.WriteNumber("rejected", counts.Rejected);
                json.WriteString("rejects", counts.Rejected > 0 ? rejectsPath : null);
                json.WriteString("state", statePath);
            });
            return;
        }

        output.Console.Write(Output.Pairs(
            ("status", status),
            ("input", input),
            ("lines", counts.LinesRead.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("stored", counts.Stored.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("duplicates", counts.Duplicates.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("rejected", counts.Rejected.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("rejects", counts.Rejected > 0 ? rejectsPath : "-"),
            ("state", statePath ?? "-")));
    }
}
