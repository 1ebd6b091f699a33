using System.Text;
using System.Text.Json;

namespace EnterpriseHub.Cli.Import;

/// <summary>Why one input line was not stored: the problems found here or by the hub, or the hub's status when it named none.</summary>
internal sealed record Rejection(long Line, string Text, IReadOnlyList<LineProblem> Violations, string? Status = null, string? Reason = null, string? Message = null);

/// <summary>
/// <c>FILE.rejects.jsonl</c>: one JSON object per rejected line, in input order, with the line's
/// number and text and its violations (field, description) or the hub's status and reason.
/// </summary>
internal sealed class RejectsFile : IDisposable
{
    private readonly FileStream _stream;

    public RejectsFile(string inputPath, long keepLength)
    {
        Path = inputPath + ".rejects.jsonl";
        _stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        _stream.SetLength(Math.Min(keepLength, _stream.Length));
        _stream.Seek(0, SeekOrigin.End);
    }

    public string Path { get; }

    /// <summary>The file's length, what was written included.</summary>
    public long Length => _stream.Position;

    public void Write(Rejection rejection)
    {
        var line = Cli.Output.JsonLine(json =>
        {
            json.WriteNumber("line", rejection.Line);
            json.WriteString("text", rejection.Text);
            Cli.Output.WriteViolations(json, "violations", rejection.Violations.Select(v => (v.Field, v.Description)));
            if (rejection.Status is not null)
            {
                json.WriteString("status", rejection.Status);
                json.WriteString("reason", rejection.Reason);
                json.WriteString("message", rejection.Message);
            }
        });
        _stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
    }

    /// <summary>Makes what was written durable before a state file claims it.</summary>
    public void Flush() => _stream.Flush(flushToDisk: false);

    public void Dispose() => _stream.Dispose();

    /// <summary>Reads a rejects file back (tests, summaries).</summary>
    public static IReadOnlyList<JsonElement> ReadAll(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
