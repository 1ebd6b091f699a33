namespace EnterpriseHub.Core.Audit;

/// <summary>
/// The durable audit trail. Records are appended in one chain, never changed; the store links
/// each entry to the record before it (<see cref="AuditChain"/>).
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends entries in order in one transaction; returns the linked records once durable.</summary>
    Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>Records with sequence ≥ <paramref name="fromSequence"/>, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(long fromSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The record before <paramref name="sequence"/>'s hash (the genesis hash for 1), or null when it is missing.</summary>
    Task<string?> HashBeforeAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>The last record's sequence and hash as this store wrote them (0 and the genesis hash when empty).</summary>
    AuditHead Head { get; }

    /// <summary>
    /// The last record as stored now, whoever wrote it (0 and the genesis hash when empty). Unlike
    /// <see cref="Head"/> it includes what other hub replicas sharing the store appended.
    /// </summary>
    Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken);

    /// <summary>Read records naming the enterprise, newest first.</summary>
    /// <param name="beforeSequence">Only records before this one; null for the newest.</param>
    Task<IReadOnlyList<AuditRecord>> ListReadsAsync(string uscc, int limit, long? beforeSequence, CancellationToken cancellationToken);
}

/// <summary>The end of the chain: the last sequence written and its hash.</summary>
public sealed record AuditHead(long Sequence, string Hash);
