using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Client;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary>
/// <c>hubctl audit access USCC</c> and <c>hubctl audit verify</c>: who read an enterprise's data;
/// whether the chain is intact. The signed log's commands (keygen, checkpoint, prove, check) are
/// in the files beside this one.
/// </summary>
internal static class AuditCommand
{
    private static readonly IReadOnlyList<Column<AccessRecord>> Columns =
    [
        new("sequence", r => Text.Number(r.Sequence)),
        new("time", r => Text.Time(r.Time)),
        new("department", r => r.Department),
        new("officer", r => r.OfficerId),
        new("purpose", r => r.Purpose),
        new("types", r => Text.Join(r.FactTypes)),
        new("outcome", r => r.Outcome),
        new("request id", r => r.RequestId),
    ];

    public static Command Create(CliContext context) =>
        new("audit", "The audit log: an enterprise's access records, the hash chain's verification, signed checkpoints and proofs checked offline.")
        {
            AccessCommand(context), VerifyCommand(context), AuditKeygenCommand.Create(context),
            AuditProveCommand.CheckpointCommand(context), AuditProveCommand.ProveCommand(context), AuditCheckCommand.Create(context),
        };

    private static Command AccessCommand(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "The enterprise whose access log to list." };
        var actingFor = Flags.ActingFor();
        var limit = Flags.Limit();
        var pageSize = Flags.PageSize();
        var command = new Command("access", "Lists who read an enterprise's data, when and why (the portal for its own, admins for any).") { uscc, actingFor, limit, pageSize };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var request = new ListAccessRequest
            {
                Uscc = run.Value(uscc), ActingFor = run.Value(actingFor), OfficerId = run.Connection.Officer ?? string.Empty,
                PageSize = Listing.PageSize(run.Value(pageSize), run.Value(limit)),
            };
            await Listing.WriteAsync(
                run.Output, run.Hub.Audit.ListAccessAllAsync(request, cancellationToken: cancellationToken), run.Value(limit), Columns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command VerifyCommand(CliContext context)
    {
        var from = Flags.Sequence("--from", "First record to check; the start of the chain when absent.");
        var to = Flags.Sequence("--to", "Last record to check; the head when absent.");
        var command = new Command("verify", "Recomputes the audit chain's hashes; exits 1 when it is not intact.") { from, to };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Audit.VerifyChainAsync(
                new VerifyChainRequest { FromSequence = run.Value(from), ToSequence = run.Value(to) }, cancellationToken: cancellationToken);
            run.Output.Show(reply, () => Output.Pairs(
                ("intact", reply.Intact ? "yes" : "NO"), ("records checked", Text.Number(reply.RecordsChecked)),
                ("first bad sequence", reply.Intact ? string.Empty : Text.Number(reply.FirstBadSequence)), ("problem", reply.Problem),
                ("head sequence", Text.Number(reply.HeadSequence)), ("head hash", reply.HeadHash)));
            return reply.Intact ? ExitCodes.Done : ExitCodes.Refused;
        });
        return command;
    }
}
