using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Client;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary><c>hubctl grant request|list|decide|revoke</c>: reading another department's conditional fact type.</summary>
internal static class GrantCommand
{
    private static readonly IReadOnlyList<Column<Grant>> Columns =
    [
        new("id", g => Text.Number(g.Id)),
        new("type", g => g.FactType),
        new("requester", g => g.Requester),
        new("owner", g => g.Owner),
        new("state", g => Text.Enum(g.State)),
        new("purpose", g => g.Purpose),
        new("legal basis", g => g.LegalBasis),
        new("requested", g => Text.Time(g.RequestedTime)),
        new("wanted until", g => Text.Time(g.WantedUntil)),
        new("expires", g => Text.Time(g.ExpireTime)),
        new("age", g => g.Age is null ? string.Empty : g.Age.ToTimeSpan().ToString(@"d\d\ hh\:mm", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static Command Create(CliContext context) =>
        new("grant", "Grants: ask the owner of a conditional fact type to let the caller read it; answer and revoke as its owner.")
        {
            RequestCommand(context), ListCommand(context), DecideCommand(context), RevokeCommand(context),
        };

    private static Command RequestCommand(CliContext context)
    {
        var type = new Argument<string>("FACT_TYPE") { Description = "The conditional fact type wanted (e.g. hrss.insured_headcount)." };
        var legalBasis = Flags.Text("--legal-basis", "The law or regulation the request rests on.");
        var until = Flags.Time("--until", "Until when the grant is wanted (ISO 8601).");
        var command = new Command("request", "Asks the owner for a grant; the purpose is --purpose (or the profile's).") { type, legalBasis, until };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Catalog.RequestGrantAsync(
                new RequestGrantRequest
                {
                    FactType = run.Value(type), Purpose = run.Connection.Purpose ?? string.Empty,
                    LegalBasis = run.Value(legalBasis), WantedUntil = Text.Stamp(run.Value(until)),
                },
                cancellationToken: cancellationToken);
            await Listing.WriteAsync(run.Output, [reply.Grant], 0, Columns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var state = Flags.OneOf("--state", "Only grants in this state; every state when absent.", string.Empty, Flags.Words<GrantState>());
        var limit = Flags.Limit();
        var command = new Command("list", "Lists the grant requests to and from the caller.") { state, limit };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var request = new ListGrantRequestsRequest { State = Text.ParseEnum<GrantState>(run.Value(state)!) };
            await Listing.WriteAsync(
                run.Output, run.Hub.Catalog.ListGrantRequestsAllAsync(request, cancellationToken: cancellationToken), run.Value(limit), Columns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command DecideCommand(CliContext context)
    {
        var id = new Argument<long>("GRANT_ID") { Description = "The grant request's id." };
        var approve = new Option<bool>("--approve") { Description = "Approve the request." };
        var refuse = new Option<bool>("--refuse") { Description = "Refuse the request." };
        var reason = Flags.Text("--reason", "Why, for the requester and the audit log.");
        var expire = Flags.Time("--expire", "When an approved grant ends (ISO 8601); the requested date when absent.");
        var command = new Command("decide", "Approves or refuses a grant request, as the fact type's owner.") { id, approve, refuse, reason, expire };
        command.Validators.Add(result =>
        {
            if (result.GetValue(approve) == result.GetValue(refuse))
            {
                result.AddError("Give exactly one of --approve and --refuse.");
            }
        });
        context.Handle(command, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Catalog.DecideGrantAsync(
                new DecideGrantRequest { GrantId = run.Value(id), Approve = run.Value(approve), Reason = run.Value(reason), ExpireTime = Text.Stamp(run.Value(expire)) },
                cancellationToken: cancellationToken);
            await Listing.WriteAsync(run.Output, [reply.Grant], 0, Columns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command RevokeCommand(CliContext context)
    {
        var id = new Argument<long>("GRANT_ID") { Description = "The grant's id." };
        var reason = Flags.Text("--reason", "Why, for the requester and the audit log.");
        var command = new Command("revoke", "Revokes a grant, as the fact type's owner; it stops at the next request.") { id, reason };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Catalog.RevokeGrantAsync(
                new RevokeGrantRequest { GrantId = run.Value(id), Reason = run.Value(reason) }, cancellationToken: cancellationToken);
            await Listing.WriteAsync(run.Output, [reply.Grant], 0, Columns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }
}
