namespace EnterpriseHub.Client;

/// <summary>How <see cref="BulkPublishExtensions.PublishBulkAsync"/> cuts and paces a bulk load.</summary>
public sealed record BulkPublishOptions
{
    /// <summary>Facts per chunk (1 to 5,000; 1,000 by default). Each chunk is stored all or nothing.</summary>
    public int ChunkSize { get; init; } = 1000;

    /// <summary>Chunks sent ahead of their acknowledgement (4 by default); the rest wait.</summary>
    public int MaxChunksInFlight { get; init; } = 4;

    /// <summary>How a broken stream is reopened; it resends from the first unacknowledged chunk.</summary>
    public ResumeOptions Resume { get; init; } = ResumeOptions.Default;
}

/// <summary>Where a bulk load stands, reported after every acknowledged chunk and returned at the end.</summary>
/// <param name="Chunks">Chunks acknowledged.</param>
/// <param name="Facts">Facts acknowledged, stored or duplicate.</param>
/// <param name="Stored">Facts newly stored.</param>
/// <param name="Duplicates">Facts already stored under their record ids (a rerun, or a chunk resent after a broken stream).</param>
/// <param name="LastSequence">The highest sequence acknowledged so far.</param>
/// <param name="Reconnects">Streams reopened after a break.</param>
public sealed record BulkPublishProgress(long Chunks, long Facts, long Stored, long Duplicates, long LastSequence, int Reconnects);
