using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Client;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary><c>hubctl credit profile|risks|alerts</c>: credit levels with their reasons, the risk list, live alerts.</summary>
internal static class CreditCommand
{
    private static readonly IReadOnlyList<Column<CreditSignal>> SignalColumns =
    [
        new("rule", s => s.Rule),
        new("severity", s => Text.Enum(s.Severity)),
        new("weight", s => Text.Number(s.Weight)),
        new("reason", s => s.Reason),
        new("fact", s => s.Fact is null ? string.Empty : $"{s.Fact.FactType} #{s.Fact.Sequence} ({s.Fact.Publisher})"),
        new("ends", s => Text.Time(s.EndsAt)),
    ];

    private static readonly IReadOnlyList<Column<RiskEnterprise>> RiskColumns =
    [
        new("uscc", e => e.Uscc),
        new("name", e => e.Name),
        new("level", e => Level(e.Level)),
        new("score", e => Text.Number(e.Score)),
    ];

    private static readonly IReadOnlyList<Column<RiskAlert>> AlertColumns =
    [
        new("sequence", a => Text.Number(a.Sequence)),
        new("time", a => Text.Time(a.Time)),
        new("uscc", a => a.Uscc),
        new("before", a => Level(a.Before)),
        new("after", a => Level(a.After)),
        new("reason", a => a.Reason),
        new("fact", a => Text.Number(a.FactSequence)),
    ];

    private static readonly string[] Levels = ["A", "B", "C", "D"];

    public static Command Create(CliContext context) =>
        new("credit", "Credit monitoring: profiles with reasons, the risk list, live alerts (supervision readers).")
        {
            ProfileCommand(context), RisksCommand(context), AlertsCommand(context),
        };

    private static Command ProfileCommand(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "The enterprise." };
        var actingFor = Flags.ActingFor();
        var command = new Command("profile", "Shows an enterprise's credit level, score and the signals behind it.") { uscc, actingFor };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var (purpose, officer) = run.ReadContext();
            var reply = await run.Hub.Credit.GetCreditProfileAsync(
                new GetCreditProfileRequest { Uscc = run.Value(uscc), Purpose = purpose, OfficerId = officer, ActingFor = run.Value(actingFor) },
                cancellationToken: cancellationToken);
            var profile = reply.Profile;
            if (run.Output.IsJson)
            {
                run.Output.Json(profile);
                return ExitCodes.Done;
            }

            run.Output.Console.Write(Output.Pairs(
                ("uscc", profile.Uscc), ("level", Level(profile.Level)), ("score", Text.Number(profile.Score)),
                ("rules version", Text.Number(profile.RulesVersion)), ("objections", Text.Number(profile.Objections.Count))));
            await Listing.WriteAsync(run.Output, profile.Signals, 0, SignalColumns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command RisksCommand(CliContext context)
    {
        var minLevel = Flags.OneOf("--min-level", "Only enterprises at this level or worse (A best, D worst).", "C", Levels);
        var zone = Flags.Zone();
        var limit = Flags.Limit();
        var pageSize = Flags.PageSize();
        var command = new Command("risks", "Lists the enterprises at a credit level or worse.") { minLevel, zone, limit, pageSize };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var (purpose, officer) = run.ReadContext();
            var request = new ListRiskEnterprisesRequest
            {
                MinLevel = ParseLevel(run.Value(minLevel)!), Zone = run.Value(zone), PageSize = Listing.PageSize(run.Value(pageSize), run.Value(limit)),
                Purpose = purpose, OfficerId = officer,
            };
            await Listing.WriteAsync(
                run.Output, run.Hub.Credit.ListRiskEnterprisesAllAsync(request, cancellationToken: cancellationToken), run.Value(limit), RiskColumns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command AlertsCommand(CliContext context)
    {
        var after = Flags.Sequence("--after", "Start after this alert sequence; 0 from the beginning.");
        var zone = Flags.Zone();
        var minLevel = Flags.OneOf("--min-level", "Only changes to this level or worse; every change when absent.", string.Empty, Levels);
        var limit = Flags.Limit();
        var command = new Command("alerts", "Follows credit level changes as they happen, until Ctrl-C.") { after, zone, minLevel, limit };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var (purpose, officer) = run.ReadContext();
            var request = new WatchRiskAlertsRequest
            {
                AfterSequence = run.Value(after), Zone = run.Value(zone), MinLevel = ParseLevel(run.Value(minLevel)!),
                Purpose = purpose, OfficerId = officer,
            };
            return await Following.FollowAsync(
                run.Output, run.Hub.Credit.WatchRiskAlertsResumableAsync(request, cancellationToken: cancellationToken),
                a => a.Sequence, request.AfterSequence, run.Value(limit), AlertColumns, last => $"resume with --after {last}", cancellationToken);
        });
        return command;
    }

    private static string Level(CreditLevel level) => level == CreditLevel.Unspecified ? string.Empty : level.ToString();

    private static CreditLevel ParseLevel(string word) => word.Length == 0 ? CreditLevel.Unspecified : Enum.Parse<CreditLevel>(word);
}
