using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Client;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary><c>hubctl history USCC</c>: every version of an enterprise's facts, newest first (GetFactHistory, every page).</summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "The enterprise's Unified Social Credit Code." };
        var type = Flags.Text("--type", "Only this fact type; every readable type when absent.");
        var actingFor = Flags.ActingFor();
        var limit = Flags.Limit();
        var pageSize = Flags.PageSize();
        var command = new Command("history", "Lists every version of an enterprise's facts, newest first.") { uscc, type, actingFor, limit, pageSize };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var (purpose, officer) = run.ReadContext();
            var request = new GetFactHistoryRequest
            {
                Uscc = run.Value(uscc),
                FactType = run.Value(type),
                PageSize = Listing.PageSize(run.Value(pageSize), run.Value(limit)),
                Purpose = purpose,
                OfficerId = officer,
                ActingFor = run.Value(actingFor),
            };
            await Listing.WriteAsync(
                run.Output, run.Hub.Directory.GetFactHistoryAllAsync(request, cancellationToken: cancellationToken),
                run.Value(limit), FactColumns.All, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }
}
