using System.Text.Json;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

using static EnterpriseHub.Storage.Sqlite.Prepared;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The writer's prepared audit statements, reused by every audited write: a group commit of reads
/// is the hub's most frequent write, and preparing these anew each time would cost more than running them.
/// </summary>
internal sealed class AuditStatements(SqliteConnection connection) : IDisposable
{
    private readonly SqliteCommand last = Create(connection, AuditColumns.LastRecord);
    private readonly SqliteCommand insert = Create(connection, """
        INSERT INTO audit_records (
            seq, time_ticks, caller, officer_id, action, usccs, fact_types, purpose, request_id, outcome, detail, previous_hash, hash, correlation_id)
        VALUES (@seq, @time, @caller, @officer, @action, @usccs, @types, @purpose, @request, @outcome, @detail, @previous, @hash, @correlation);
        """, "@seq", "@time", "@caller", "@officer", "@action", "@usccs", "@types", "@purpose", "@request", "@outcome", "@detail", "@previous",
        "@hash", "@correlation");
    private readonly SqliteCommand read = Create(connection, "INSERT OR IGNORE INTO audit_reads (uscc, seq) VALUES (@uscc, @seq);", "@uscc", "@seq");

    /// <summary>The last record as stored (the one writer keeps it last until its commit).</summary>
    public AuditHead Last(SqliteTransaction transaction)
    {
        last.Transaction = transaction;
        using var reader = last.ExecuteReader();
        return AuditColumns.Head(reader, reader.Read());
    }

    /// <summary>Inserts linked records, and the access log rows of those it keeps, in the writer's transaction; the lists go in as JSON text.</summary>
    public void Insert(SqliteTransaction transaction, List<AuditRecord> records)
    {
        (insert.Transaction, read.Transaction) = (transaction, transaction);
        foreach (var record in records)
        {
            var e = record.Entry;
            Run(insert, record.Sequence, e.Time.UtcTicks, e.Caller, e.OfficerId, e.Action, JsonSerializer.Serialize(e.Usccs),
                JsonSerializer.Serialize(e.FactTypes), e.Purpose, e.RequestId, e.Outcome, e.Detail, record.PreviousHash, record.Hash, e.CorrelationId);
        }

        foreach (var (uscc, sequence) in SqlAuditChain.Reads(records))
        {
            Run(read, uscc, sequence);
        }
    }

    public void Dispose()
    {
        last.Dispose();
        insert.Dispose();
        read.Dispose();
    }
}
