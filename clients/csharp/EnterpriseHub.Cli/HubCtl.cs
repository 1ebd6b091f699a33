using System.Collections;
using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Cli.Commands;

namespace EnterpriseHub.Cli;

/// <summary>The <c>hubctl</c> entry point, callable in-process with its own streams and environment.</summary>
public static class HubCtl
{
    private const string Description =
        "hubctl: the command line for EnterpriseHub. Look up, search, publish and watch facts; manage "
        + "subscriptions, grants and notices; read the audit log and credit profiles.";

    /// <summary>
    /// Parses and runs one command line. Writes results to <paramref name="stdout"/>, errors to
    /// <paramref name="stderr"/>; reads settings from <paramref name="environment"/> only. Returns
    /// the exit code (a parse error is 2).
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string?> environment,
        bool isTerminal = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(stdout, stderr, environment, isTerminal);
        // No response files: '@FILE' is hubctl's own way to name a file (publish --json @fact.json).
        var parse = Build(context).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            var problems = string.Join(System.Environment.NewLine, parse.Errors.Select(error => error.Message));
            return Failures.Report(new CliUsageException($"{problems}{System.Environment.NewLine}See 'hubctl --help'."), context.OutputFor(parse));
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    /// <summary>The process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value, StringComparer.Ordinal);

    /// <summary>The root command with the global options and every command.</summary>
    internal static RootCommand Build(CliContext context)
    {
        var root = new RootCommand($"{Description}\n\n{Connection.Help}\n\n{ExitCodes.Help}");
        context.Options.AddTo(root);
        foreach (var command in new[]
        {
            GetCommand.Create(context), SearchCommand.Create(context), HistoryCommand.Create(context),
            PublishCommand.Create(context), WatchCommand.Create(context), SubscriptionCommand.Create(context),
            CatalogCommand.Create(context), GrantCommand.Create(context), AuditCommand.Create(context),
            CreditCommand.Create(context), NoticeCommand.Create(context), ProfileCommand.Create(context),
            HealthCommand.Create(context), ImportCommand.Create(context), SampleCommand.Create(context),
        })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
