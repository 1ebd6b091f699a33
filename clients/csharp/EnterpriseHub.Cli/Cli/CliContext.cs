using System.CommandLine;
using Grpc.Core;

namespace EnterpriseHub.Cli.Cli;

/// <summary>
/// What every command shares: the process's streams and environment (injected, so tests run
/// commands in-process and capture them), the global <see cref="HubOptions"/>, and
/// <see cref="Handle"/>, which gives a command its action with output, connection and failure
/// handling done once for all. A command is a static class in <c>Commands/</c> with
/// <c>public static Command Create(CliContext context)</c>, registered in <see cref="HubCtl.Build"/>.
/// </summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string?> environment, bool isTerminal)
{
    public TextWriter Stdout { get; } = stdout;

    public TextWriter Stderr { get; } = stderr;

    /// <summary>The environment variables the command sees (the process's, or a test's).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; } = environment;

    /// <summary>Whether standard output is a terminal (no colour or animation otherwise).</summary>
    public bool IsTerminal { get; } = isTerminal;

    /// <summary>The global options, recursive on the root command.</summary>
    public HubOptions Options { get; } = new();

    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="body"/>, which returns its exit
    /// code. Hub refusals (<see cref="RpcException"/>), local usage problems
    /// (<see cref="CliUsageException"/>) and unreachable hubs are printed by <see cref="Failures"/>
    /// and turned into exit codes 1, 2 and 3; cancellation (Ctrl-C) ends with 130 unless the body
    /// handles it itself (as <c>watch</c> does, to print where to resume).
    /// </summary>
    public void Handle(Command command, Func<CommandRun, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = OutputFor(parse);
            using var run = new CommandRun(this, parse, output);
            try
            {
                return await body(run, cancellationToken);
            }
            catch (Exception exception) when (cancellationToken.IsCancellationRequested
                && exception is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
            {
                output.Stderr.WriteLine("cancelled");
                return ExitCodes.Interrupted;
            }
            catch (Exception exception) when (exception is RpcException or CliUsageException or HttpRequestException)
            {
                return Failures.Report(exception, output);
            }
        });
    }

    /// <summary>The output of a parsed command line (its <c>--output</c>, this process's streams).</summary>
    public Output OutputFor(ParseResult parse) =>
        new(Stdout, Stderr, Options.FormatOf(parse), IsTerminal, Environment.GetValueOrDefault("NO_COLOR") is { Length: > 0 });
}
