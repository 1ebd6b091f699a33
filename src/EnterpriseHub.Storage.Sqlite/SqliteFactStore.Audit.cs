using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The audit contract: the hash-chained trail and its reads.</summary>
public sealed partial class SqliteFactStore
{
    public AuditHead Head => Writer.AuditHead;

    public Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        Guard(Writer.AppendAuditAsync(entries, cancellationToken));

    public Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken) =>
        Guard(auditReader.ReadHeadAsync(cancellationToken));

    public Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(long fromSequence, int limit, CancellationToken cancellationToken) =>
        Guard(auditReader.ReadAsync(fromSequence, limit, cancellationToken));

    public Task<string?> HashBeforeAsync(long sequence, CancellationToken cancellationToken) =>
        Guard(auditReader.HashBeforeAsync(sequence, cancellationToken));

    public Task<IReadOnlyList<AuditRecord>> ListReadsAsync(
        string uscc, int limit, long? beforeSequence, CancellationToken cancellationToken) =>
        Guard(auditReader.ListReadsAsync(uscc, limit, beforeSequence, cancellationToken));
}
