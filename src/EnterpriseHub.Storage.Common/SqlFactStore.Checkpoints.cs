using System.Security.Cryptography;
using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Storage.Common;

/// <summary>The audit log's identity, its signed checkpoints and their witnesses' cosignatures.</summary>
public abstract partial class SqlFactStore
{
    private string? logId;

    public string LogId
    {
        get
        {
            EnsureInitialized();
            return logId!;
        }
    }

    public async Task<StoredCheckpoint?> ReadCheckpointAsync(long? treeSize, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        var which = treeSize is null ? "ORDER BY tree_size DESC" : "WHERE tree_size = @size";
        var rows = await QueryAsync(
            $"""
            SELECT c.tree_size, c.signed_ticks, c.note, s.witness, s.signature
            FROM (SELECT tree_size, signed_ticks, note FROM audit_checkpoints {which} LIMIT 1) c
            LEFT JOIN audit_cosignatures s ON s.tree_size = c.tree_size
            ORDER BY s.witness;
            """,
            r => (Size: r.GetInt64(0), Ticks: r.GetInt64(1), Note: r.GetString(2), Witness: r.IsDBNull(3) ? null : r.GetString(3), Line: r.IsDBNull(4) ? null : r.GetString(4)),
            cancellationToken, ("@size", treeSize ?? 0)).ConfigureAwait(false);
        return rows.Count == 0
            ? null
            : new StoredCheckpoint(
                rows[0].Size, new DateTimeOffset(rows[0].Ticks, TimeSpan.Zero), rows[0].Note,
                [.. rows.Where(r => r.Witness is not null).Select(r => (r.Witness!, r.Line!))]);
    }

    public async Task<bool> AddCheckpointAsync(long treeSize, DateTimeOffset signedAt, string note, CancellationToken cancellationToken) =>
        await WriteAsync(
            (c, t) => Sql.ExecuteAsync(
                c, t, "INSERT INTO audit_checkpoints (tree_size, signed_ticks, note) VALUES (@size, @ticks, @note) ON CONFLICT DO NOTHING;",
                cancellationToken, ("@size", treeSize), ("@ticks", signedAt.UtcTicks), ("@note", note)),
            cancellationToken).ConfigureAwait(false) == 1;

    public Task AddCosignatureAsync(long treeSize, string witness, string signatureLine, CancellationToken cancellationToken) =>
        WriteAsync(
            (c, t) => Sql.ExecuteAsync(
                c, t, "INSERT INTO audit_cosignatures (tree_size, witness, signature) VALUES (@size, @witness, @line) ON CONFLICT DO NOTHING;",
                cancellationToken, ("@size", treeSize), ("@witness", witness), ("@line", signatureLine)),
            cancellationToken);

    public Task<long> ReadCosignedSizeAsync(string witness, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        return LongAsync("SELECT coalesce(max(tree_size), 0) FROM audit_cosignatures WHERE witness = @witness;", cancellationToken, ("@witness", witness));
    }

    public Task<IAsyncDisposable?> TryLeadCheckpointsAsync(CancellationToken cancellationToken) => TryLeadAsync(LeaderRole.CheckpointSigner, cancellationToken);

    /// <summary>
    /// Gives a new store its log id and reads it; replicas starting together on a new shared store
    /// agree on the first one written.
    /// </summary>
    private async Task<string> StartLogAsync(CancellationToken cancellationToken)
    {
        var candidate = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return await engine.InTransactionAsync(
            async (c, t) =>
            {
                await Sql.ExecuteAsync(
                    c, t, "INSERT INTO audit_log (singleton, log_id) VALUES (1, @id) ON CONFLICT DO NOTHING;", cancellationToken, ("@id", candidate))
                    .ConfigureAwait(false);
                return (await Sql.QueryAsync(c, t, "SELECT log_id FROM audit_log;", r => r.GetString(0), cancellationToken).ConfigureAwait(false)).Single();
            },
            cancellationToken).ConfigureAwait(false);
    }
}
