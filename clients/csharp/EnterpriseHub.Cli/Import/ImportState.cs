using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// Where an import stands, kept beside its input as <c>FILE.hubctl-import.json</c>: which file it
/// is (<see cref="InputIdentity"/>), the last line whose fate is settled (stored, duplicate or
/// rejected: every line before it too) and the byte offset after it, the counts so far, and how
/// long the rejects file was then (a resumed run cuts it back to that length, dropping what a
/// killed run wrote past it, and writes those lines again).
/// </summary>
internal sealed record ImportState
{
    public required long InputLength { get; init; }

    public required string InputHeadSha256 { get; init; }

    public long Line { get; init; }

    public long Offset { get; init; }

    public long Stored { get; init; }

    public long Duplicates { get; init; }

    public long Rejected { get; init; }

    public long RejectsLength { get; init; }

    public bool Finished { get; init; }

    public DateTimeOffset Updated { get; init; }

    public bool IsFor(InputIdentity identity) => InputLength == identity.Length && InputHeadSha256 == identity.HeadSha256;
}

/// <summary>Reads and atomically replaces (temporary file, then rename) an import's state file.</summary>
internal sealed class ImportStateFile(string inputPath)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string Path { get; } = inputPath + ".hubctl-import.json";

    public ImportState? Read()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ImportState>(File.ReadAllText(Path), Json);
        }
        catch (JsonException exception)
        {
            throw new Cli.CliUsageException($"The import state '{Path}' is not readable ({exception.Message}); run with --restart to import from the start.");
        }
    }

    public void Write(ImportState state)
    {
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    public void Delete() => File.Delete(Path);
}
