using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>The audit contract: one hash chain shared by every replica, and its reads.</summary>
public sealed partial class PostgresFactStore
{
    /// <summary>The last record this store wrote (or found at start); another replica may have written after it.</summary>
    public AuditHead Head
    {
        get
        {
            EnsureInitialized();
            return audit.Head;
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var (_, records) = await WriteAsync(_ => Task.FromResult(true), _ => entries, cancellationToken).ConfigureAwait(false);
        return records;
    }

    public Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken) =>
        Guard(() => auditReader.ReadHeadAsync(cancellationToken));

    public Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(long fromSequence, int limit, CancellationToken cancellationToken) =>
        Guard(() => auditReader.ReadAsync(fromSequence, limit, cancellationToken));

    public Task<string?> HashBeforeAsync(long sequence, CancellationToken cancellationToken) =>
        Guard(() => auditReader.HashBeforeAsync(sequence, cancellationToken));

    public Task<IReadOnlyList<AuditRecord>> ListReadsAsync(string uscc, int limit, long? beforeSequence, CancellationToken cancellationToken) =>
        Guard(() => auditReader.ListReadsAsync(uscc, limit, beforeSequence, cancellationToken));
}
