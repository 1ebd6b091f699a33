using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Cli.Import;

namespace EnterpriseHub.Cli.Commands;

/// <summary>
/// <c>hubctl import FILE</c>: loads a JSON Lines or CSV file of facts through PublishFactStream,
/// checked locally first, resumable, with the refused lines in <c>FILE.rejects.jsonl</c>.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The facts: .jsonl / .ndjson (one FactDraft as proto JSON per line) or .csv (a header row naming the columns)." };
        var format = new Option<string?>("--format") { Description = "jsonl or csv, when the extension does not say.", HelpName = "jsonl|csv" };
        format.AcceptOnlyFromAmong("jsonl", "ndjson", "csv");
        var type = new Option<string?>("--type") { Description = "The fact type of every row of a CSV file without a fact_type column." };
        var check = new Option<bool>("--check") { Description = "Only check every line (USCC, type, schema, times) and list every problem; send nothing. Exit 4 when there are problems." };
        var chunkSize = new Option<int>("--chunk-size") { Description = "Facts per chunk, 1 to 5000.", DefaultValueFactory = _ => 1000 };
        var inFlight = new Option<int>("--chunks-in-flight") { Description = "Chunks sent ahead of their acknowledgement.", DefaultValueFactory = _ => 4 };
        var restart = new Option<bool>("--restart") { Description = "Forget the state beside the file and send everything again (already stored lines count as duplicates)." };
        var reconnects = new Option<int>("--reconnects") { Description = "Failed reconnects in a row after which an unreachable hub ends the import (exit 3, resumable).", DefaultValueFactory = _ => 30 };
        var skipCheck = new Option<bool>("--dangerous-skip-local-check") { Hidden = true, Description = "Tests only: send lines without the local check, so that the hub alone refuses them." };
        var command = new Command("import", "Imports a file of facts in chunks, resumably: the same command carries on after Ctrl-C, a killed process or a lost hub. "
            + "State: FILE.hubctl-import.json; refused lines: FILE.rejects.jsonl. Exit 4 when lines were rejected, 130 when interrupted.")
        {
            file, format, type, check, chunkSize, inFlight, restart, reconnects, skipCheck,
        };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var path = Path.GetFullPath(run.Value(file)!);
            var problems = new List<(string, string)>();
            if (FactSource.FormatOf(path, run.Value(format)) is not { } inputFormat)
            {
                problems.Add(("--format", "the extension is neither .jsonl, .ndjson nor .csv: give --format jsonl or --format csv"));
                inputFormat = InputFormat.JsonLines;
            }

            if (run.Value(chunkSize) is < 1 or > 5000)
            {
                problems.Add(("--chunk-size", "must be 1 to 5000"));
            }

            if (run.Value(inFlight) is < 1 or > 64)
            {
                problems.Add(("--chunks-in-flight", "must be 1 to 64"));
            }

            if (run.Value(reconnects) < 0)
            {
                problems.Add(("--reconnects", "must be 0 or more"));
            }

            if (problems.Count > 0)
            {
                throw new CliUsageException("The import's options are not usable; nothing was sent.", problems);
            }

            var request = new ImportRequest(
                path, inputFormat, run.Value(type), run.Value(check), run.Value(chunkSize), run.Value(inFlight), run.Value(restart),
                run.Value(reconnects), run.Value(skipCheck));
            return await new ImportRun(run, request, TimeProvider.System).ExecuteAsync(cancellationToken);
        });
        return command;
    }
}
