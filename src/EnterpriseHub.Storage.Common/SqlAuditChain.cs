using System.Data.Common;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;

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
    /// Takes the chain's lock, links the entries after the last record stored, salts them, adds
    /// them to the tree and inserts records and nodes; the lock holds to the commit, so no two
    /// writers link to the same record or extend the tree from the same edge.
    /// </summary>
    public static async Task<List<AuditRecord>> AppendAsync(
        SqlEngine engine, DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        var tail = await engine.LockAuditChainAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var append = Extend(tail, entries);
        await engine.InsertAuditAsync(connection, transaction, append, cancellationToken).ConfigureAwait(false);
        return append.Records;
    }

    /// <summary>
    /// The entries linked, in order, after the tail's last record, each with a new salt, and the
    /// tree nodes they finish. Without an edge (the tree does not reach the last record yet: a
    /// store upgraded from before the tree) the records are stored salted and the tree is left to
    /// <see cref="SqlFactStore"/>'s catch-up, which adds every record in order.
    /// </summary>
    public static AuditAppend Extend(AuditTail tail, IReadOnlyList<AuditEntry> entries)
    {
        var records = Link(tail.Last, entries);
        var salts = new List<byte[]>(records.Count);
        var nodes = new List<MerkleNode>(tail.Edge is null ? 0 : 2 * records.Count + 64);
        foreach (var record in records)
        {
            var salt = AuditLeaf.NewSalt();
            salts.Add(salt);
            tail.Edge?.Append(AuditLeaf.Hash(salt, record.Sequence, record.Entry), nodes);
        }

        return new AuditAppend(records, salts, nodes);
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
