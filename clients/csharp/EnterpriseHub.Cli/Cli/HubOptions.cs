using System.CommandLine;

namespace EnterpriseHub.Cli.Cli;

/// <summary>
/// The global options every command accepts (recursive on the root command): where the hub is, the
/// certificates, the profile, purpose and officer of reads, and the output format.
/// </summary>
internal sealed class HubOptions
{
    public Option<string?> Hub { get; } = Global("--hub", "The hub's address, e.g. https://127.0.0.1:7443 (else HUB_ADDRESS, else the profile).");

    public Option<string?> Ca { get; } = Global("--ca", "PEM file of the hub's CA (else HUB_CA, else the profile).");

    public Option<string?> Cert { get; } = Global("--cert", "PEM file of the department's client certificate (else HUB_CERT, else the profile).");

    public Option<string?> Key { get; } = Global("--key", "PEM file of the client certificate's key (else HUB_KEY, else the profile).");

    public Option<string?> Profile { get; } = Global("--profile", "The profile to use (else HUBCTL_PROFILE, else the default profile).");

    public Option<string?> Purpose { get; } = Global("--purpose", "Why this read is made: a legal basis or case number (else the profile's).");

    public Option<string?> Officer { get; } = Global("--officer", "The officer on whose behalf the read is made (else the profile's).");

    public Option<string> Output { get; } = OutputOption();

    /// <summary>Adds every global option to the root command.</summary>
    public void AddTo(RootCommand root)
    {
        foreach (var option in new Option[] { Hub, Ca, Cert, Key, Profile, Purpose, Officer, Output })
        {
            root.Options.Add(option);
        }
    }

    /// <summary>The format asked for with <c>--output</c>; read from its token, so it holds on a command line with errors too.</summary>
    public OutputFormat FormatOf(ParseResult parse) =>
        parse.GetResult(Output) is { Tokens: [.., var token] } && string.Equals(token.Value, "json", StringComparison.OrdinalIgnoreCase)
            ? OutputFormat.Json
            : OutputFormat.Table;

    private static Option<string> OutputOption()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "table (for people) or json (one JSON object per line, for scripts).",
            HelpName = "table|json",
            Recursive = true,
            DefaultValueFactory = _ => "table",
        };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }

    private static Option<string?> Global(string name, string description) =>
        new(name) { Description = description, Recursive = true };
}

/// <summary>How results are printed.</summary>
internal enum OutputFormat
{
    /// <summary>Readable tables (colour only on a terminal).</summary>
    Table,

    /// <summary>One JSON object per line on standard output; errors as JSON on standard error.</summary>
    Json,
}
