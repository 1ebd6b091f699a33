using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Client;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary><c>hubctl notice preview|publish|list|policies</c>: proactive notices that find the enterprises they apply to.</summary>
internal static class NoticeCommand
{
    private static readonly IReadOnlyList<Column<PreviewEnterprise>> SampleColumns =
    [
        new("uscc", e => e.Uscc),
        new("name", e => e.Name),
        new("zone", e => e.Zone),
    ];

    private static readonly IReadOnlyList<Column<Policy>> PolicyColumns =
    [
        new("department", p => p.Department),
        new("policy", p => p.PolicyId),
        new("kind", p => Text.Enum(p.Kind)),
        new("title", p => p.Title),
        new("condition", p => p.Condition),
        new("valid from", p => Text.Time(p.ValidFrom)),
        new("valid until", p => Text.Time(p.ValidUntil)),
        new("published", p => Text.Time(p.PublishedAt)),
    ];

    private static readonly IReadOnlyList<Column<Notice>> NoticeColumns =
    [
        new("sequence", n => Text.Number(n.Sequence)),
        new("kind", n => Text.Enum(n.Kind)),
        new("department", n => n.Department),
        new("title", n => n.Title),
        new("delivered", n => Text.Time(n.DeliveredAt)),
        new("due", n => Text.Time(n.DueAt)),
        new("read", n => Text.Time(n.ReadAt)),
    ];

    public static Command Create(CliContext context) =>
        new("notice", "Proactive notices: try a condition, publish a policy, list an enterprise's inbox or the caller's policies.")
        {
            PreviewCommand(context), PublishCommand(context), ListCommand(context), PoliciesCommand(context),
        };

    private static Command PreviewCommand(CliContext context)
    {
        var condition = new Argument<string>("CONDITION") { Description = "The draft condition in the hub's expression language (docs/proactive.md)." };
        var sample = new Option<int>("--sample") { Description = "How many of the enterprises reached to list, 0 to 100 (0 for 20).", DefaultValueFactory = _ => 0 };
        var command = new Command("preview", "Shows how many enterprises a draft condition reaches, with a sample.") { condition, sample };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var (purpose, officer) = run.ReadContext();
            var reply = await run.Hub.Proactive.PreviewAsync(
                new PreviewRequest { Condition = run.Value(condition), SampleSize = run.Value(sample), Purpose = purpose, OfficerId = officer },
                cancellationToken: cancellationToken);
            if (run.Output.IsJson)
            {
                run.Output.Json(reply);
                return ExitCodes.Done;
            }

            run.Output.Say($"reaches {reply.Count} of {reply.Examined} enterprises examined");
            await Listing.WriteAsync(run.Output, reply.Sample, 0, SampleColumns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command PublishCommand(CliContext context)
    {
        var id = new Argument<string>("POLICY_ID") { Description = "The department's id for the policy: 1 to 64 letters, digits, '-' or '_'." };
        var kind = Flags.OneOf("--kind", "notice or warning (reminders come from the hub's date rules).", "notice", "notice", "warning");
        var title = Flags.Text("--title", "Its title, at most 200 characters.");
        var body = Flags.Text("--body", "Its text, at most 4,000 characters.");
        var condition = Flags.Text("--condition", "The eligibility condition in the hub's expression language.");
        var from = Flags.Time("--from", "From when it applies (ISO 8601).");
        var until = Flags.Time("--until", "Until when it applies, exclusive (ISO 8601).");
        var command = new Command("publish", "Publishes a policy; the hub delivers it to every enterprise it applies to.") { id, kind, title, body, condition, from, until };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Proactive.PublishPolicyAsync(
                new PublishPolicyRequest
                {
                    PolicyId = run.Value(id), Kind = Text.ParseEnum<NoticeKind>(run.Value(kind)!), Title = run.Value(title), Body = run.Value(body),
                    Condition = run.Value(condition), ValidFrom = Text.Stamp(run.Value(from)), ValidUntil = Text.Stamp(run.Value(until)),
                },
                cancellationToken: cancellationToken);
            await Listing.WriteAsync(run.Output, [reply.Policy], 0, PolicyColumns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "The enterprise whose inbox to list." };
        var actingFor = Flags.ActingFor();
        var limit = Flags.Limit();
        var pageSize = Flags.PageSize();
        var command = new Command("list", "Lists the notices in an enterprise's inbox (the portal, acting for it, for the person given as --officer).") { uscc, actingFor, limit, pageSize };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var enterprise = run.Value(uscc)!;
            var request = new ListNoticesRequest
            {
                Uscc = enterprise, ActingFor = run.Value(actingFor) is { Length: > 0 } acting ? acting : enterprise,
                OfficerId = run.Connection.Officer ?? string.Empty, PageSize = Listing.PageSize(run.Value(pageSize), run.Value(limit)),
            };
            await Listing.WriteAsync(
                run.Output, run.Hub.Proactive.ListNoticesAllAsync(request, cancellationToken: cancellationToken), run.Value(limit), NoticeColumns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command PoliciesCommand(CliContext context)
    {
        var limit = Flags.Limit();
        var command = new Command("policies", "Lists the policies published.") { limit };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Proactive.ListPoliciesAsync(new ListPoliciesRequest(), cancellationToken: cancellationToken);
            await Listing.WriteAsync(run.Output, reply.Policies, run.Value(limit), PolicyColumns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }
}
