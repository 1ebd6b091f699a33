namespace EnterpriseHub.Cli.Import;

/// <summary>What <c>hubctl import</c> was asked to do.</summary>
internal sealed record ImportRequest(
    string Path, InputFormat Format, string? Type, bool CheckOnly, int ChunkSize, int ChunksInFlight, bool Restart, int Reconnects, bool SkipLocalCheck);
