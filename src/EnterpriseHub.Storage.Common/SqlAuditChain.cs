using System.Data.Common;
using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// Extends the one audit chain inside a write transaction, and keeps <see cref="Head"/>: what this
/// store wrote last, moved only after a commit (never back: writes of one store may commit out of
/// order), so a rolled-back write leaves no gap.
/// </summary>
internal sealed class SqlAuditChain
{
    private readonly Lock headLock = new();
    private AuditHead head = new(0, AuditChain.GenesisHash);

    public AuditHead Head
    {
        get
        {
            lock (headLock)
            {
                return head;
            }
        }
    }

    public void Start(AuditHead stored)
    {
        lock (headLock)
        {
            head = stored;
        }
    }

    public void Committed(List<AuditRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (headLock)
        {
            if (records[^1].Sequence > head.Sequence)
            {
                head = new AuditHead(records[^1].Sequence, records[^1].Hash);
            }
        }
    }

    /// <summary>
    /// Takes the chain's lock, links the entries after the last record stored and inserts them; the
    /// lock holds to the commit, so no two writers link to the same record.
    /// </summary>
    public static async Task<List<AuditRecord>> AppendAsync(
        SqlEngine engine, DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        var last = await engine.LockAuditChainAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var records = Link(last, entries);
        await engine.InsertAuditAsync(connection, transaction, records, cancellationToken).ConfigureAwait(false);
        return records;
    }

    /// <summary>The last record as stored now (0 and the genesis hash when there is none).</summary>
    public static async Task<AuditHead> ReadLastAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, AuditColumns.LastRecord);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return AuditColumns.Head(reader, await reader.ReadAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The entries linked, in order, after <paramref name="last"/>.</summary>
    public static List<AuditRecord> Link(AuditHead last, IReadOnlyList<AuditEntry> entries)
    {
        var records = new List<AuditRecord>(entries.Count);
        var (sequence, previous) = (last.Sequence, last.Hash);
        foreach (var entry in entries)
        {
            var record = AuditChain.Link(++sequence, previous, entry);
            records.Add(record);
            previous = record.Hash;
        }

        return records;
    }

    /// <summary>The access log rows of <paramref name="records"/>: each enterprise a kept action touched.</summary>
    public static IEnumerable<(string Uscc, long Sequence)> Reads(List<AuditRecord> records) =>
        from record in records
        where AuditActions.InAccessLog(record.Entry.Action)
        from uscc in record.Entry.Usccs
        select (uscc, record.Sequence);
}
