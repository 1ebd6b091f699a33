using System.Data.Common;
using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Storage.Common;

/// <summary>The audit contract: one hash chain (shared by every replica of a shared store) and its reads.</summary>
public abstract partial class SqlFactStore
{
    private const string SelectRecords = $"SELECT {AuditColumns.Select} FROM audit_records r";

    /// <summary>The last record this store wrote (or found at start); another replica may have written after it.</summary>
    public AuditHead Head
    {
        get
        {
            EnsureInitialized();
            return audit.Head;
        }
    }

    /// <summary>Appends entries alone, in one transaction (one commit for many reads).</summary>
    public async Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        EnsureInitialized();
        var records = await Guard(() => engine.InTransactionAsync(
            (c, t) => SqlAuditChain.AppendAsync(engine, c, t, entries, cancellationToken), cancellationToken)).ConfigureAwait(false);
        audit.Committed(records);
        return records;
    }

    public Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => SqlAuditChain.ReadLastAsync(c, null, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(long fromSequence, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"{SelectRecords} WHERE r.seq >= @from ORDER BY r.seq LIMIT @limit;", ReadRecord, cancellationToken, ("@from", fromSequence), ("@limit", limit))
            .ConfigureAwait(false);

    public async Task<string?> HashBeforeAsync(long sequence, CancellationToken cancellationToken) =>
        sequence <= 1
            ? AuditChain.GenesisHash
            : (await QueryAsync("SELECT hash FROM audit_records WHERE seq = @seq;", r => r.GetString(0), cancellationToken, ("@seq", sequence - 1))
                .ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<AuditRecord>> ListReadsAsync(string uscc, int limit, long? beforeSequence, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"""
            SELECT {AuditColumns.Select} FROM audit_reads a JOIN audit_records r ON r.seq = a.seq
            WHERE a.uscc = @uscc AND a.seq < @before ORDER BY a.seq DESC LIMIT @limit;
            """,
            ReadRecord, cancellationToken, ("@uscc", uscc), ("@before", beforeSequence ?? long.MaxValue), ("@limit", limit)).ConfigureAwait(false);

    private AuditRecord ReadRecord(DbDataReader reader) => AuditColumns.Read(reader, engine.ReadList);
}
