using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary><c>hubctl catalog types|readable</c>: the fact types, and which of them the caller may read now.</summary>
internal static class CatalogCommand
{
    private static readonly IReadOnlyList<Column<FactType>> TypeColumns =
    [
        new("type", t => t.Name),
        new("owner", t => t.Owner),
        new("sharing", t => Text.Enum(t.Sharing)),
        new("version", t => Text.Number(t.Version)),
        new("fields", t => Text.Join(t.Fields.Select(f => f.Required ? f.Name + "*" : f.Name))),
        new("description", t => t.DescriptionEn),
    ];

    private static readonly IReadOnlyList<Column<ReadableFactType>> ReadableColumns =
    [
        new("type", t => t.FactType),
        new("sharing", t => Text.Enum(t.Sharing)),
        new("owned", t => t.Owned ? "yes" : string.Empty),
        new("grant", t => t.GrantId == 0 ? string.Empty : Text.Number(t.GrantId)),
        new("grant expires", t => Text.Time(t.GrantExpireTime)),
    ];

    public static Command Create(CliContext context)
    {
        var limit = Flags.Limit();
        var types = new Command("types", "Lists every fact type: owner, sharing class, version, fields (* required).") { limit };
        context.Handle(types, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Catalog.ListFactTypesAsync(new ListFactTypesRequest(), cancellationToken: cancellationToken);
            await Listing.WriteAsync(run.Output, reply.FactTypes, run.Value(limit), TypeColumns, cancellationToken);
            return ExitCodes.Done;
        });
        var readableLimit = Flags.Limit();
        var readable = new Command("readable", "Lists the fact types the caller may read now, and under which grant.") { readableLimit };
        context.Handle(readable, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Catalog.ListReadableFactTypesAsync(new ListReadableFactTypesRequest(), cancellationToken: cancellationToken);
            await Listing.WriteAsync(run.Output, reply.FactTypes, run.Value(readableLimit), ReadableColumns, cancellationToken);
            return ExitCodes.Done;
        });
        return new Command("catalog", "The catalog of fact types.") { types, readable };
    }
}
