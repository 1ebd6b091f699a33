using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnterpriseHub.Cli.Cli;

/// <summary>One named connection: where the hub is, which certificate files to present (paths, never
/// key material), and the default purpose and officer of reads.</summary>
internal sealed record HubProfile
{
    public string? Hub { get; init; }

    public string? Ca { get; init; }

    public string? Cert { get; init; }

    public string? Key { get; init; }

    public string? Department { get; init; }

    public string? Purpose { get; init; }

    public string? Officer { get; init; }
}

/// <summary>The profile file's content.</summary>
internal sealed record ProfileFile
{
    /// <summary>The profile used when neither <c>--profile</c> nor <c>HUBCTL_PROFILE</c> names one.</summary>
    public string? Default { get; init; }

    public SortedDictionary<string, HubProfile> Profiles { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Reads and writes <c>hubctl.json</c>: <c>HUBCTL_CONFIG</c> if set, else
/// <c>$XDG_CONFIG_HOME/enterprisehub/hubctl.json</c>, else <c>~/.config/enterprisehub/hubctl.json</c>.
/// Written with owner-only permissions (0600).
/// </summary>
internal sealed class ProfileStore(string path)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Path { get; } = path;

    /// <summary>The store the environment points at.</summary>
    public static ProfileStore From(IReadOnlyDictionary<string, string?> environment)
    {
        if (environment.GetValueOrDefault("HUBCTL_CONFIG") is { Length: > 0 } file)
        {
            return new ProfileStore(file);
        }

        var configHome = environment.GetValueOrDefault("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(
                environment.GetValueOrDefault("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                ".config");
        return new ProfileStore(System.IO.Path.Combine(configHome, "enterprisehub", "hubctl.json"));
    }

    public ProfileFile Read()
    {
        if (!File.Exists(Path))
        {
            return new ProfileFile();
        }

        try
        {
            return JsonSerializer.Deserialize<ProfileFile>(File.ReadAllText(Path), Json) ?? new ProfileFile();
        }
        catch (JsonException exception)
        {
            throw new CliUsageException($"The profile file '{Path}' is not valid JSON: {exception.Message}");
        }
    }

    public void Write(ProfileFile content)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        System.IO.Directory.CreateDirectory(folder);
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, content, Json);
        }

        if (!OperatingSystem.IsWindows())
        {
            // A file left by an older run may have wider permissions; the mode at creation does not change it.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
