using System.CommandLine;
using EnterpriseHub.Client;

namespace EnterpriseHub.Cli.Cli;

/// <summary>
/// One run of one command: its parsed values, its <see cref="Output"/>, and the hub connection,
/// opened on first use from flags, environment and profile (see <see cref="Cli.Connection"/>).
/// </summary>
internal sealed class CommandRun(CliContext context, ParseResult parse, Output output) : IDisposable
{
    private Connection? _connection;
    private HubClient? _hub;

    public CliContext Context { get; } = context;

    public ParseResult Parse { get; } = parse;

    public Output Output { get; } = output;

    /// <summary>The resolved connection settings (hub, certificates, purpose, officer, profile).</summary>
    public Connection Connection => _connection ??= Connection.Resolve(Parse, Context.Options, Context.Environment);

    /// <summary>The client to the hub; a usage error (exit 2) when a setting is missing.</summary>
    public HubClient Hub => _hub ??= Connection.Open();

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T? Value<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>
    /// The purpose and officer of a read, from the flags or the profile. Without them the read is
    /// refused here, nothing sent, with the words the hub uses (exit code 2).
    /// </summary>
    public (string Purpose, string OfficerId) ReadContext()
    {
        var violations = new List<(string, string)>();
        if (Connection.Purpose is null)
        {
            violations.Add(("purpose", "is required: state the legal basis or case number of this read"));
        }

        if (Connection.Officer is null)
        {
            violations.Add(("officer_id", "is required: name the officer on whose behalf the system reads"));
        }

        if (violations.Count > 0)
        {
            throw new CliUsageException("refused before sending: give --purpose and --officer, or set them in the profile", violations);
        }

        return (Connection.Purpose!, Connection.Officer!);
    }

    public void Dispose() => _hub?.Dispose();
}
