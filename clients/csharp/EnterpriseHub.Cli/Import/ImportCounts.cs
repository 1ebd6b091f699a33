namespace EnterpriseHub.Cli.Import;

/// <summary>
/// Where an import stands: lines read, their fates so far, and the settled position (every line up
/// to <see cref="Line"/> stored, a duplicate or rejected; <see cref="Offset"/> the byte after it).
/// </summary>
internal sealed record ImportCounts(long LinesRead, long Stored, long Duplicates, long Rejected, long BytesRead, long Length, long Line, long Offset)
{
    /// <summary>Facts the hub acknowledged, stored or duplicate.</summary>
    public long Acknowledged => Stored + Duplicates;
}

/// <summary>
/// Raised after every acknowledged chunk of every import in this process, with the input's full
/// path: what a test waits on to interrupt an import at a known point (an event, not a sleep).
/// </summary>
internal static class ImportEvents
{
    public static event Action<string, ImportCounts>? Acknowledged;

    public static void RaiseAcknowledged(string inputPath, ImportCounts counts) => Acknowledged?.Invoke(inputPath, counts);
}
