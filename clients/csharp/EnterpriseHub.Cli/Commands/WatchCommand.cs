using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Client;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary>
/// <c>hubctl watch</c>: follows the fact log from a position (WatchFacts through the SDK's
/// resumable stream, which reconnects by itself), until Ctrl-C; then prints where to resume.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliContext context)
    {
        var after = Flags.Sequence("--after", "Start after this sequence; 0 (the default) from the beginning of the log.");
        var types = Flags.Types();
        var zone = Flags.Zone();
        var usccs = new Option<string[]>("--uscc") { Description = "Only this enterprise (repeat for several).", DefaultValueFactory = _ => [] };
        var actingFor = Flags.ActingFor();
        var heartbeat = new Option<int>("--heartbeat") { Description = "Seconds of silence before the hub sends a heartbeat (1 to 300).", DefaultValueFactory = _ => 0 };
        var limit = Flags.Limit();
        var command = new Command("watch", "Follows the fact log as it grows, resuming by itself after a lost connection; Ctrl-C ends it.")
        {
            after, types, zone, usccs, actingFor, heartbeat, limit,
        };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var (purpose, officer) = run.ReadContext();
            var request = new WatchFactsRequest
            {
                AfterSequence = run.Value(after),
                FactTypes = { run.Value(types) },
                Zone = run.Value(zone),
                Usccs = { run.Value(usccs) },
                Purpose = purpose,
                OfficerId = officer,
                ActingFor = run.Value(actingFor),
                HeartbeatSeconds = run.Value(heartbeat),
            };
            var options = new ResumeOptions
            {
                OnReconnect = (position, error) => run.Output.Stderr.WriteLine($"reconnecting after position {position}: {error?.ToString() ?? "the stream ended"}"),
            };
            return await Following.FollowAsync(
                run.Output, run.Hub.Exchange.WatchFactsResumableAsync(request, options, cancellationToken: cancellationToken),
                f => f.Sequence, request.AfterSequence, run.Value(limit), FactColumns.All, last => $"resume with --after {last}", cancellationToken);
        });
        return command;
    }
}
