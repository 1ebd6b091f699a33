using System.Text.Json;
using EnterpriseHub.Core.Audit.Merkle;
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
    private readonly SqliteCommand last = Create(connection, AuditTree.LastRecordAndEdge);
    private readonly SqliteCommand insert = Create(connection, """
        INSERT INTO audit_records (
            seq, time_ticks, caller, officer_id, action, usccs, fact_types, purpose, request_id, outcome, detail, previous_hash, hash, correlation_id, salt)
        VALUES (@seq, @time, @caller, @officer, @action, @usccs, @types, @purpose, @request, @outcome, @detail, @previous, @hash, @correlation, @salt);
        """, "@seq", "@time", "@caller", "@officer", "@action", "@usccs", "@types", "@purpose", "@request", "@outcome", "@detail", "@previous",
        "@hash", "@correlation", "@salt");
    private readonly SqliteCommand node = Create(
        connection, "INSERT INTO audit_tree (finished, level, hash) VALUES (@finished, @level, @hash);", "@finished", "@level", "@hash");
    private readonly SqliteCommand read = Create(connection, "INSERT OR IGNORE INTO audit_reads (uscc, seq) VALUES (@uscc, @seq);", "@uscc", "@seq");

    /// <summary>The last record as stored and the tree's edge after it (the one writer keeps them so until its commit).</summary>
    public async Task<AuditTail> LastAsync(SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        last.Transaction = transaction;
        await using var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await AuditTree.ReadTailAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Inserts linked records with their salts, the access log rows of those it keeps and the tree
    /// nodes they finish, in the writer's transaction; the lists go in as JSON text.
    /// </summary>
    public void Insert(SqliteTransaction transaction, AuditAppend append)
    {
        (insert.Transaction, read.Transaction) = (transaction, transaction);
        var records = append.Records;
        for (var i = 0; i < records.Count; i++)
        {
            var (record, e) = (records[i], records[i].Entry);
            Run(insert, record.Sequence, e.Time.UtcTicks, e.Caller, e.OfficerId, e.Action, JsonSerializer.Serialize(e.Usccs),
                JsonSerializer.Serialize(e.FactTypes), e.Purpose, e.RequestId, e.Outcome, e.Detail, record.PreviousHash, record.Hash, e.CorrelationId,
                append.Salts[i]);
        }

        foreach (var (uscc, sequence) in SqlAuditChain.Reads(records))
        {
            Run(read, uscc, sequence);
        }

        InsertNodes(transaction, append.Nodes);
    }

    /// <summary>Inserts finished tree nodes, one prepared run each (cheap in process, and a record finishes two on average).</summary>
    public void InsertNodes(SqliteTransaction transaction, List<MerkleNode> nodes)
    {
        node.Transaction = transaction;
        foreach (var n in nodes)
        {
            Run(node, AuditTree.Finished(n.Level, n.Index), n.Level, n.Hash);
        }
    }

    public void Dispose()
    {
        last.Dispose();
        insert.Dispose();
        read.Dispose();
        node.Dispose();
    }
}
