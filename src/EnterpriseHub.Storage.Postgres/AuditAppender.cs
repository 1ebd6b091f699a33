using EnterpriseHub.Core.Audit;
using EnterpriseHub.Storage.Common;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// Extends the one audit chain every replica shares, inside the caller's transaction. The chain
/// lock is held from reading the last record until the commit, so no two replicas link to the
/// same record. <see cref="Head"/> is what this store wrote last; it moves only after a commit.
/// </summary>
internal sealed class AuditAppender
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

    /// <summary>The last record as stored now (0 and the genesis hash when there is none).</summary>
    public static async Task<AuditHead> ReadLastAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(AuditColumns.LastRecord, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHeadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public void Start(AuditHead stored)
    {
        lock (headLock)
        {
            head = stored;
        }
    }

    /// <summary>Takes the chain lock, links the entries after the stored last record and inserts them; call <see cref="Committed"/> after the commit.</summary>
    public static async Task<List<AuditRecord>> InsertAsync(
        NpgsqlConnection connection, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        AuditHead last;
        await using (var locked = new NpgsqlBatch(connection))
        {
            AddLock(locked);
            await using var reader = await locked.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            last = await ReadLockedAsync(reader, cancellationToken).ConfigureAwait(false);
        }

        await using var insert = new NpgsqlBatch(connection);
        var records = Link(last, entries, insert);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return records;
    }

    /// <summary>Adds the chain lock and the read of the last record to a batch; each returns one result set.</summary>
    public static void AddLock(NpgsqlBatch batch)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({AdvisoryLocks.AuditChain});"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(AuditColumns.LastRecord));
    }

    /// <summary>Reads what <see cref="AddLock"/> returned, the reader being on the lock's result.</summary>
    public static async Task<AuditHead> ReadLockedAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHeadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Links the entries after <paramref name="last"/> and adds their inserts (and the reads they record) to a batch.</summary>
    public static List<AuditRecord> Link(AuditHead last, IReadOnlyList<AuditEntry> entries, NpgsqlBatch insert)
    {
        var records = new List<AuditRecord>(entries.Count);
        var reads = (Usccs: new List<string>(), Sequences: new List<long>());
        var (sequence, previous) = (last.Sequence, last.Hash);
        foreach (var entry in entries)
        {
            var record = AuditChain.Link(++sequence, previous, entry);
            insert.BatchCommands.Add(AuditInsert.Command(record));
            if (AuditActions.InAccessLog(entry.Action))
            {
                foreach (var uscc in entry.Usccs)
                {
                    reads.Usccs.Add(uscc);
                    reads.Sequences.Add(record.Sequence);
                }
            }

            records.Add(record);
            previous = record.Hash;
        }

        if (reads.Usccs.Count > 0)
        {
            insert.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO audit_reads (uscc, seq) SELECT * FROM unnest($1, $2) ON CONFLICT DO NOTHING;")
            {
                Parameters =
                {
                    new() { Value = reads.Usccs.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new() { Value = reads.Sequences.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                },
            });
        }

        return records;
    }

    /// <summary>Moves the head to the last of <paramref name="records"/>, never back (this store's writes may commit out of order).</summary>
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

    private static async Task<AuditHead> ReadHeadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        AuditColumns.Head(reader, await reader.ReadAsync(cancellationToken).ConfigureAwait(false));
}
