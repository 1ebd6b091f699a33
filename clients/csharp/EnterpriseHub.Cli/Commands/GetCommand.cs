using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary><c>hubctl get USCC</c>: one enterprise's current facts (GetEnterprise), and the types withheld from the caller.</summary>
internal static class GetCommand
{
    public static Command Create(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "The enterprise's Unified Social Credit Code." };
        var asOf = Flags.Time("--as-of", "The facts as they stood at this time (ISO 8601); now when absent.");
        var types = Flags.Types();
        var actingFor = Flags.ActingFor();
        var command = new Command("get", "Shows one enterprise's facts: department, times, sharing class; and the types withheld.")
        {
            uscc, asOf, types, actingFor,
        };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var (purpose, officer) = run.ReadContext();
            var reply = await run.Hub.Directory.GetEnterpriseAsync(
                new GetEnterpriseRequest
                {
                    Uscc = run.Value(uscc),
                    Purpose = purpose,
                    OfficerId = officer,
                    FactTypes = { run.Value(types) },
                    AsOf = Text.Stamp(run.Value(asOf)),
                    ActingFor = run.Value(actingFor),
                },
                cancellationToken: cancellationToken);
            var enterprise = reply.Enterprise;
            if (run.Output.IsJson)
            {
                run.Output.Json(enterprise);
                return ExitCodes.Done;
            }

            var catalog = await run.Hub.Catalog.ListFactTypesAsync(new ListFactTypesRequest(), cancellationToken: cancellationToken);
            var sharing = catalog.FactTypes.ToDictionary(t => t.Name, t => t.Sharing, StringComparer.Ordinal);
            run.Output.Console.Write(Output.Pairs(
                ("uscc", enterprise.Uscc), ("name", enterprise.Name), ("zone", enterprise.Zone),
                ("industry", enterprise.Industry), ("division", enterprise.DivisionCode)));
            await Listing.WriteAsync(run.Output, enterprise.Facts, 0, FactColumns.WithSharing(sharing), cancellationToken);
            run.Output.Say($"withheld: {(enterprise.WithheldFactTypes.Count == 0 ? "(none)" : Text.Join(enterprise.WithheldFactTypes))}");
            foreach (var advisory in enterprise.UsccAdvisories)
            {
                run.Output.Say($"uscc advisory: {advisory}");
            }

            return ExitCodes.Done;
        });
        return command;
    }
}
