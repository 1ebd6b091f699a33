using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Client;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary><c>hubctl subscription create|read|ack|list</c>: named subscriptions whose cursor the hub keeps.</summary>
internal static class SubscriptionCommand
{
    private static readonly IReadOnlyList<Column<Subscription>> Columns =
    [
        new("name", s => s.Name),
        new("types", s => Text.Join(s.FactTypes)),
        new("zone", s => s.Zone),
        new("acked", s => Text.Number(s.AckedPosition)),
        new("head", s => Text.Number(s.HeadSequence)),
        new("lag", s => Text.Number(s.Lag)),
        new("created", s => Text.Time(s.CreateTime)),
    ];

    public static Command Create(CliContext context) =>
        new("subscription", "Named subscriptions: the hub keeps each one's cursor; read resumes after the last ack.")
        {
            CreateCommand(context), ReadCommand(context), AckCommand(context), ListCommand(context),
        };

    private static Argument<string> Name() => new("NAME") { Description = "The subscription's name." };

    private static Command CreateCommand(CliContext context)
    {
        var name = Name();
        var types = Flags.Types();
        var usccs = new Option<string[]>("--uscc") { Description = "Only this enterprise (repeat for several).", DefaultValueFactory = _ => [] };
        var zone = Flags.Zone();
        var startAfter = Flags.Sequence("--start-after", "Start after this sequence; 0 from the beginning of the log.");
        var command = new Command("create", "Creates a subscription.") { name, types, usccs, zone, startAfter };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var (purpose, officer) = run.ReadContext();
            var reply = await run.Hub.Exchange.CreateSubscriptionAsync(
                new CreateSubscriptionRequest
                {
                    Name = run.Value(name), FactTypes = { run.Value(types) }, Usccs = { run.Value(usccs) }, Zone = run.Value(zone),
                    Purpose = purpose, OfficerId = officer, StartAfterSequence = run.Value(startAfter),
                },
                cancellationToken: cancellationToken);
            await Listing.WriteAsync(run.Output, [reply.Subscription], 0, Columns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command ReadCommand(CliContext context)
    {
        var name = Name();
        var limit = Flags.Limit();
        var follow = new Option<bool>("--follow") { Description = "Keep reading as new facts arrive, until Ctrl-C; otherwise stop once caught up." };
        var ack = new Option<bool>("--ack") { Description = "Acknowledge the last fact read, so the next read starts after it." };
        var command = new Command("read", "Reads a subscription's facts from just after its last acknowledgement.") { name, limit, follow, ack };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var subscription = run.Value(name)!;
            var request = new ReadSubscriptionRequest { Name = subscription, HeartbeatSeconds = 1 };
            var events = run.Value(follow)
                ? run.Hub.Exchange.ReadSubscriptionResumableAsync(request, cancellationToken: cancellationToken)
                : UntilCaughtUp(run, request, cancellationToken);
            var last = 0L;
            var result = await Following.FollowAsync(
                run.Output, Tracking(events, f => last = f.Sequence), f => f.Sequence, 0, run.Value(limit), FactColumns.All,
                position => $"acknowledge with: hubctl subscription ack {subscription} {position}", cancellationToken);
            if (run.Value(ack) && last > 0)
            {
                await run.Hub.Exchange.AckSubscriptionAsync(new AckSubscriptionRequest { Name = subscription, Position = last }, cancellationToken: CancellationToken.None);
                run.Output.Stderr.WriteLine($"acknowledged {subscription} up to {last}");
            }

            return result;
        });
        return command;
    }

    private static Command AckCommand(CliContext context)
    {
        var name = Name();
        var position = new Argument<long>("POSITION") { Description = "The sequence processed last: the next read starts after it." };
        var command = new Command("ack", "Acknowledges a subscription up to a position.") { name, position };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Exchange.AckSubscriptionAsync(
                new AckSubscriptionRequest { Name = run.Value(name), Position = run.Value(position) }, cancellationToken: cancellationToken);
            await Listing.WriteAsync(run.Output, [reply.Subscription], 0, Columns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var limit = Flags.Limit();
        var command = new Command("list", "Lists the caller's subscriptions with each one's lag.") { limit };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var reply = await run.Hub.Exchange.ListSubscriptionsAsync(new ListSubscriptionsRequest(), cancellationToken: cancellationToken);
            await Listing.WriteAsync(run.Output, reply.Subscriptions, run.Value(limit), Columns, cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>The pending facts of one read: the stream ends at its first heartbeat, when nothing more is waiting.</summary>
    private static async IAsyncEnumerable<Fact> UntilCaughtUp(
        CommandRun run, ReadSubscriptionRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = run.Hub.Exchange.ReadSubscription(request, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            if (call.ResponseStream.Current.EventCase != ReadSubscriptionResponse.EventOneofCase.Fact)
            {
                yield break;
            }

            yield return call.ResponseStream.Current.Fact;
        }
    }

    private static async IAsyncEnumerable<Fact> Tracking(
        IAsyncEnumerable<Fact> facts, Action<Fact> seen, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var fact in facts.WithCancellation(cancellationToken))
        {
            seen(fact);
            yield return fact;
        }
    }
}
