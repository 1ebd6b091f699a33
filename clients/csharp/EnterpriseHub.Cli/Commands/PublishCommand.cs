using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Option = System.CommandLine.Option;

namespace EnterpriseHub.Cli.Commands;

/// <summary>
/// <c>hubctl publish</c>: one fact of the caller's own, from flags or from its proto JSON
/// (PublishFacts; idempotent on the source record id, so publishing it again says duplicate).
/// </summary>
internal static class PublishCommand
{
    public static Command Create(CliContext context)
    {
        var uscc = Flags.Text("--uscc", "The enterprise the fact is about.");
        var type = Flags.Text("--type", "The fact type, one the caller owns (e.g. amr.abnormal_operations).");
        var record = Flags.Text("--record", "The department's own record id: the idempotency key.");
        var effective = Flags.Time("--effective-time", "When the fact took effect (ISO 8601).");
        var attributes = new Option<string[]>("--attr")
        {
            Description = "An attribute as name=value (repeat for each); the value is read as JSON when it is JSON (500, true, \"text\"), else as text.",
            DefaultValueFactory = _ => [],
        };
        var json = Flags.Text("--json", "The whole fact as the proto JSON of a FactDraft, or @FILE to read it from a file; instead of the other flags.");
        var command = new Command("publish", "Publishes one fact of the caller's own.") { uscc, type, record, effective, attributes, json };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var draft = run.Value(json) is { Length: > 0 } text
                ? FromJson(text, run, [uscc, type, record, attributes], effective)
                : FromFlags(run, uscc, type, record, effective, attributes);
            var reply = await run.Hub.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } }, cancellationToken: cancellationToken);
            var result = reply.Results.Single();
            run.Output.Show(result, () => Output.Pairs(
                ("record", result.SourceRecordId), ("sequence", Text.Number(result.Sequence)), ("published", Text.Time(result.PublishTime)),
                ("duplicate", result.Duplicate ? "yes" : "no"), ("warnings", Text.Join(result.Warnings))));
            return ExitCodes.Done;
        });
        return command;
    }

    private static FactDraft FromFlags(CommandRun run, Option<string> uscc, Option<string> type, Option<string> record, Option<DateTimeOffset?> effective, Option<string[]> attributes)
    {
        var draft = new FactDraft
        {
            Uscc = run.Value(uscc),
            FactType = run.Value(type),
            SourceRecordId = run.Value(record),
            EffectiveTime = Text.Stamp(run.Value(effective)),
            Attributes = new Struct(),
        };
        foreach (var pair in run.Value(attributes) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliUsageException($"--attr '{pair}' is not name=value.");
            }

            draft.Attributes.Fields[pair[..equals]] = AttributeValue(pair[(equals + 1)..]);
        }

        return draft;
    }

    private static FactDraft FromJson(string text, CommandRun run, Option[] others, Option<DateTimeOffset?> effective)
    {
        if (others.Append(effective).Any(option => run.Parse.GetResult(option) is { Implicit: false }))
        {
            throw new CliUsageException("Give the fact either with --json or with --uscc, --type, --record, --effective-time and --attr, not both.");
        }

        try
        {
            return FactDraft.Parser.ParseJson(text.StartsWith('@') ? File.ReadAllText(text[1..]) : text);
        }
        catch (InvalidJsonException exception)
        {
            throw new CliUsageException($"--json is not valid JSON: {exception.Message}");
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new CliUsageException($"--json is not the proto JSON of a FactDraft: {exception.Message}");
        }
        catch (IOException exception)
        {
            throw new CliUsageException($"--json {text}: {exception.Message}");
        }
    }

    private static Value AttributeValue(string text)
    {
        try
        {
            return Value.Parser.ParseJson(text);
        }
        catch (Exception exception) when (exception is InvalidJsonException or InvalidProtocolBufferException)
        {
            return Value.ForString(text);
        }
    }
}
