using System.Text.Json;
using EnterpriseHub.Server.Tests;

namespace EnterpriseHub.Cli.Tests;

/// <summary>What one in-process run of hubctl printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Standard output as JSON Lines: every non-empty line must parse as one JSON object.</summary>
    public IReadOnlyList<JsonElement> JsonLines() =>
        [.. Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line =>
            {
                var element = JsonDocument.Parse(line).RootElement.Clone();
                Assert.Equal(JsonValueKind.Object, element.ValueKind);
                return element;
            })];

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// Runs hubctl in-process, as a user would from a shell, with captured streams and an environment
/// of its own: a private profile file, nothing from the test process's environment.
/// </summary>
internal sealed class CliRunner
{
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public CliRunner()
    {
        ConfigPath = Path.Combine(TestFolders.Create("profile-"), "hubctl.json");
        _environment["HUBCTL_CONFIG"] = ConfigPath;
    }

    public string ConfigPath { get; }

    public CliRunner With(string variable, string? value)
    {
        _environment[variable] = value;
        return this;
    }

    /// <summary>The connection flags and a purpose and officer: what a read needs.</summary>
    public static string[] Read(HubFixture hub, string department) =>
        [.. Connect(hub, department), "--purpose", "cli test", "--officer", $"{department}-0001"];

    /// <summary>The flags that connect to <paramref name="hub"/> as <paramref name="department"/>.</summary>
    public static string[] Connect(HubFixture hub, string department) =>
    [
        "--hub", hub.Address.ToString(),
        "--ca", Path.Combine(hub.CertsFolder, "ca.crt"),
        "--cert", Path.Combine(hub.CertsFolder, $"{department}.crt"),
        "--key", Path.Combine(hub.CertsFolder, $"{department}.key"),
    ];

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        await RunAsync(new WaitingWriter(), cancellationToken, args);

    /// <summary>Runs with a standard output the test can wait on while the command runs (a watch).</summary>
    public async Task<CliResult> RunAsync(WaitingWriter stdout, CancellationToken cancellationToken, params string[] args)
    {
        using var stderr = new WaitingWriter();
        var code = await HubCtl.RunAsync(args, stdout, stderr, _environment, isTerminal: false, cancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
