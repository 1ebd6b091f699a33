using System.Data.Common;
using System.Globalization;
using System.Text;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// The audit log's Merkle tree as <c>audit_tree (finished, level, hash)</c> stores it: every
/// finished node (<see cref="MerkleNode"/>), level 0 the leaf hashes, written with the records it
/// covers under the audit chain's lock and keyed by <see cref="Finished"/> and its level, so that
/// an append's nodes go to the end of the key (the node's index is the key's too). The SQL here reads the same on both engines.
/// </summary>
internal static class AuditTree
{
    /// <summary>
    /// The size of the stored tree: the number of leaves (the log's size once the tree is
    /// complete), which is the last node's <see cref="Finished"/>.
    /// </summary>
    private const string StoredSize = "SELECT coalesce(max(finished), 0) FROM audit_tree";

    /// <summary>The chain's last record and the tree's edge at the log's size: what an append reads under the lock.</summary>
    public const string LastRecordAndEdge = $"{AuditColumns.LastRecord} {EdgeOfLog}";

    /// <summary>The tree's size and its edge: what adding older records to the tree reads under the lock.</summary>
    public const string SizeAndEdge = $"{StoredSize}; {EdgeOfTree}";

    // The edge of a tree of n leaves, found without knowing n beforehand: m walks n >> level, and
    // a level whose bit is set (m odd) has its node at index m − 1, finished at m << level.
    private const string EdgeOf = """
        levels (l, m) AS (SELECT 0, n FROM size WHERE n > 0 UNION ALL SELECT l + 1, m / 2 FROM levels WHERE m > 1)
        SELECT t.level, t.hash FROM levels JOIN audit_tree t ON t.finished = levels.m << levels.l AND t.level = levels.l WHERE levels.m % 2 = 1;
        """;

    /// <summary>
    /// The tree's edge at the log's size (the last record's sequence). Read as the last row, not
    /// as max(seq): inside a CTE SQLite aggregates max over the whole table, a scan on every append.
    /// </summary>
    public const string EdgeOfLog = $"WITH RECURSIVE size (n) AS (SELECT seq FROM audit_records ORDER BY seq DESC LIMIT 1), {EdgeOf}";

    private const string EdgeOfTree = $"WITH RECURSIVE size (n) AS ({StoredSize}), {EdgeOf}";

    /// <summary>
    /// Reads what <see cref="LastRecordAndEdge"/> returns, the reader at its first result: the
    /// edge is null when the tree does not reach the last record (older records still to add).
    /// </summary>
    public static async Task<AuditTail> ReadTailAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var last = AuditColumns.Head(reader, await reader.ReadAsync(cancellationToken).ConfigureAwait(false));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        return new AuditTail(last, await ReadEdgeAsync(reader, last.Sequence, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The edge rows at the reader for a tree of <paramref name="size"/> leaves; null when one is missing.</summary>
    public static async Task<MerkleEdge?> ReadEdgeAsync(DbDataReader reader, long size, CancellationToken cancellationToken)
    {
        var nodes = new Dictionary<int, byte[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            nodes[reader.GetInt32(0)] = (byte[])reader.GetValue(1);
        }

        return MerkleEdge.From(size, nodes);
    }

    /// <summary>
    /// The leaf count at which the node at (<paramref name="level"/>, <paramref name="index"/>) is
    /// finished, its key: unique, since a leaf finishes at most one node on each level.
    /// </summary>
    public static long Finished(int level, long index) => (index + 1) << level;

    /// <summary>
    /// The nodes at <paramref name="coordinates"/> in one query. The coordinates are numbers the
    /// store computed, never caller text, so they go into the statement as literals; VALUES names
    /// its columns column1 and column2 on both engines.
    /// </summary>
    public static string SelectNodes(IEnumerable<(int Level, long Index)> coordinates)
    {
        var sql = new StringBuilder("SELECT t.level, (t.finished >> t.level) - 1, t.hash FROM audit_tree t JOIN (VALUES ");
        var first = true;
        foreach (var (level, index) in coordinates)
        {
            sql.Append(first ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({Finished(level, index)}, {level})");
            first = false;
        }

        return sql.Append(") v ON t.finished = v.column1 AND t.level = v.column2;").ToString();
    }
}

/// <summary>The chain's last record and, when the tree reaches it, the tree's right edge.</summary>
internal sealed record AuditTail(AuditHead Last, MerkleEdge? Edge);

/// <summary>Linked records with their salts, and the tree nodes they finish (none while older records are still to be added to the tree).</summary>
internal sealed record AuditAppend(List<AuditRecord> Records, List<byte[]> Salts, List<MerkleNode> Nodes);
