using EnterpriseHub.Core.Audit;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// Appends audit records on the writer's connection, inside the writer's transaction, and keeps
/// the chain head. The head moves only after a commit, so a rolled-back batch leaves no gap.
/// </summary>
internal sealed class AuditWriter : IDisposable
{
    private readonly SqliteCommand insert;
    private readonly SqliteCommand insertRead;

    public AuditWriter(SqliteConnection connection)
    {
        insert = connection.CreateCommand();
        insert.CommandText = AuditInsert.Sql;
        foreach (var name in AuditInsert.Parameters)
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        insertRead = connection.CreateCommand();
        insertRead.CommandText = "INSERT OR IGNORE INTO audit_reads (uscc, seq) VALUES ($uscc, $seq);";
        insertRead.Parameters.Add(new SqliteParameter { ParameterName = "$uscc" });
        insertRead.Parameters.Add(new SqliteParameter { ParameterName = "$seq" });

        using var head = connection.CreateCommand();
        head.CommandText = AuditColumns.LastRecord;
        using var reader = head.ExecuteReader();
        Head = AuditColumns.Head(reader, reader.Read());
    }

    public AuditHead Head { get; private set; }

    /// <summary>Links and inserts entries in the open transaction; call <see cref="Committed"/> after it commits.</summary>
    public List<AuditRecord> Insert(SqliteTransaction transaction, IReadOnlyList<AuditEntry> entries)
    {
        insert.Transaction = transaction;
        insertRead.Transaction = transaction;
        var records = new List<AuditRecord>(entries.Count);
        var (sequence, previous) = (Head.Sequence, Head.Hash);
        foreach (var entry in entries)
        {
            var record = AuditChain.Link(++sequence, previous, entry);
            AuditInsert.Bind(insert, record);
            insert.ExecuteNonQuery();
            if (AuditActions.InAccessLog(entry.Action))
            {
                insertRead.Parameters[1].Value = record.Sequence;
                foreach (var uscc in entry.Usccs)
                {
                    insertRead.Parameters[0].Value = uscc;
                    insertRead.ExecuteNonQuery();
                }
            }

            records.Add(record);
            previous = record.Hash;
        }

        return records;
    }

    public void Committed(List<AuditRecord> records)
    {
        if (records.Count > 0)
        {
            Head = new AuditHead(records[^1].Sequence, records[^1].Hash);
        }
    }

    public void Dispose()
    {
        insert.Dispose();
        insertRead.Dispose();
    }
}
