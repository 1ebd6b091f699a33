using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Client;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary><c>hubctl search</c>: enterprises by name, zone and industry (SearchEnterprises, every page).</summary>
internal static class SearchCommand
{
    private static readonly IReadOnlyList<Column<Enterprise>> Columns =
    [
        new("uscc", e => e.Uscc),
        new("name", e => e.Name),
        new("zone", e => e.Zone),
        new("industry", e => e.Industry),
        new("division", e => e.DivisionCode),
    ];

    public static Command Create(CliContext context)
    {
        var name = Flags.Text("--name", "Only enterprises whose name contains this text.");
        var zone = Flags.Zone();
        var industry = Flags.Text("--industry", "Only this industry section or class (e.g. C, C39).");
        var limit = Flags.Limit();
        var pageSize = Flags.PageSize();
        var command = new Command("search", "Finds enterprises by name, zone and industry.") { name, zone, industry, limit, pageSize };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var (purpose, officer) = run.ReadContext();
            var request = new SearchEnterprisesRequest
            {
                NameContains = run.Value(name),
                Zone = run.Value(zone),
                Industry = run.Value(industry),
                PageSize = Listing.PageSize(run.Value(pageSize), run.Value(limit)),
                Purpose = purpose,
                OfficerId = officer,
            };
            await Listing.WriteAsync(
                run.Output, run.Hub.Directory.SearchEnterprisesAllAsync(request, cancellationToken: cancellationToken),
                run.Value(limit), Columns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }
}
