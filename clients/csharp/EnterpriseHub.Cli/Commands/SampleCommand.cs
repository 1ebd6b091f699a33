using System.CommandLine;
using System.Text.RegularExpressions;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Cli.Import;
using Google.Protobuf;

namespace EnterpriseHub.Cli.Commands;

/// <summary>
/// <c>hubctl sample COUNT --type T [--zone DIVISION] [--seed S] &gt; facts.jsonl</c>: COUNT valid
/// FactDraft lines of the caller's own type, for the walkthrough and the import benchmark.
/// </summary>
internal static partial class SampleCommand
{
    public static Command Create(CliContext context)
    {
        var count = new Argument<long>("COUNT") { Description = "How many facts to write." };
        var type = new Option<string>("--type") { Description = "The fact type (one the calling department owns).", Required = true };
        var zone = new Option<string>("--zone") { Description = "The 6-digit division code of the generated USCCs.", DefaultValueFactory = _ => "310115" };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed writes the same facts.", DefaultValueFactory = _ => 1 };
        var command = new Command("sample", "Writes COUNT valid facts of your own type as JSON Lines on standard output (the schema is read from the hub).")
        {
            count, type, zone, seed,
        };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var division = run.Value(zone)!;
            if (!Division().IsMatch(division) || run.Value(count) < 0)
            {
                throw new CliUsageException("Nothing written.", [("--zone", "must be a 6-digit division code"), ("COUNT", "must be 0 or more")]);
            }

            var catalog = await TypeCatalog.LoadAsync(run.Hub, cancellationToken);
            var department = CallerIdentity.DepartmentOf(run.Connection.Cert!);
            var definition = catalog.Find(run.Value(type)!);
            if (definition is null || definition.Owner != department)
            {
                throw new CliUsageException(
                    $"'{run.Value(type)}' is not a fact type of '{department}'.", [("--type", definition is null ? "is not in the catalog" : $"is owned by '{definition.Owner}'")]);
            }

            var formatter = JsonFormatter.Default;
            var buffer = new StringWriter();
            foreach (var draft in new SampleFacts(definition, division, run.Value(seed)).Generate(run.Value(count)))
            {
                formatter.Format(draft, buffer);
                buffer.Write('\n');
                if (buffer.GetStringBuilder().Length > 1 << 20)
                {
                    await run.Output.Stdout.WriteAsync(buffer.ToString());
                    buffer.GetStringBuilder().Clear();
                }
            }

            await run.Output.Stdout.WriteAsync(buffer.ToString());
            await run.Output.Stdout.FlushAsync(cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex Division();
}
