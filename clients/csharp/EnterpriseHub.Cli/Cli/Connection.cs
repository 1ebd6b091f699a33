using System.CommandLine;
using System.Security.Cryptography;
using EnterpriseHub.Client;

namespace EnterpriseHub.Cli.Cli;

/// <summary>
/// Where the hub is and who the caller is, each setting resolved on its own: the flag
/// (<c>--hub</c>, <c>--ca</c>, <c>--cert</c>, <c>--key</c>) over the environment (<c>HUB_ADDRESS</c>,
/// <c>HUB_CA</c>, <c>HUB_CERT</c>, <c>HUB_KEY</c>) over the profile (<c>--profile</c>, else
/// <c>HUBCTL_PROFILE</c>, else the default one). Purpose and officer: flag over profile.
/// </summary>
internal sealed record Connection(string Hub, string? Ca, string? Cert, string? Key, string? Purpose, string? Officer, string? ProfileName)
{
    /// <summary>The text of <c>hubctl --help</c> that documents the precedence.</summary>
    public const string Help =
        "Connection: each of hub, CA, certificate and key comes from its flag (--hub, --ca, --cert, --key), else the environment "
        + "(HUB_ADDRESS, HUB_CA, HUB_CERT, HUB_KEY), else the profile (--profile, else HUBCTL_PROFILE, else the default profile "
        + "set by 'hubctl profile use'). Purpose and officer of reads: --purpose / --officer, else the profile's. "
        + "Profiles live in $HUBCTL_CONFIG, else $XDG_CONFIG_HOME/enterprisehub/hubctl.json, else ~/.config/enterprisehub/hubctl.json.";

    /// <summary>Resolves every setting of the call from its flags, the environment and the profile file.</summary>
    public static Connection Resolve(ParseResult parse, HubOptions options, IReadOnlyDictionary<string, string?> environment)
    {
        var profileName = Text(parse.GetValue(options.Profile)) ?? Text(environment.GetValueOrDefault("HUBCTL_PROFILE"));
        var file = ProfileStore.From(environment).Read();
        HubProfile? profile = null;
        profileName ??= file.Default;
        if (profileName is not null && !file.Profiles.TryGetValue(profileName, out profile))
        {
            throw new CliUsageException($"There is no profile '{profileName}'; 'hubctl profile list' shows them.");
        }

        string? Pick(Option<string?> flag, string variable, string? fromProfile) =>
            Text(parse.GetValue(flag)) ?? Text(environment.GetValueOrDefault(variable)) ?? Text(fromProfile);

        return new Connection(
            Pick(options.Hub, "HUB_ADDRESS", profile?.Hub) ?? "https://127.0.0.1:7443",
            Pick(options.Ca, "HUB_CA", profile?.Ca),
            Pick(options.Cert, "HUB_CERT", profile?.Cert),
            Pick(options.Key, "HUB_KEY", profile?.Key),
            Text(parse.GetValue(options.Purpose)) ?? Text(profile?.Purpose),
            Text(parse.GetValue(options.Officer)) ?? Text(profile?.Officer),
            profileName);
    }

    /// <summary>Opens a client to the hub; a missing or unusable setting is a usage error listing every problem.</summary>
    public HubClient Open()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Hub, UriKind.Absolute, out var address))
        {
            problems.Add($"The hub address '{Hub}' is not an absolute https:// address.");
        }

        AddMissing(problems, Ca, "CA certificate", "--ca", "HUB_CA");
        AddMissing(problems, Cert, "client certificate", "--cert", "HUB_CERT");
        AddMissing(problems, Key, "private key", "--key", "HUB_KEY");
        if (problems.Count == 0)
        {
            var options = new HubClientOptions { Address = address!, CaCertificatePath = Ca, CertificatePath = Cert, KeyPath = Key };
            problems.AddRange(options.Validate());
            if (problems.Count == 0)
            {
                try
                {
                    return HubClient.Create(options);
                }
                catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
                {
                    problems.Add($"The certificate files cannot be used ({Cert}, {Key}, {Ca}): {exception.Message}");
                }
            }
        }

        throw new CliUsageException(string.Join(Environment.NewLine, problems));
    }

    private static void AddMissing(List<string> problems, string? value, string what, string flag, string variable)
    {
        if (value is null)
        {
            problems.Add($"No {what}: give {flag}, set {variable}, or add a profile ('hubctl profile add').");
        }
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
