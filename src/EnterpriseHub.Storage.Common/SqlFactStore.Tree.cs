using System.Data.Common;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// The audit log's Merkle tree (<see cref="AuditTree"/>): adding the records stored before it
/// existed, and the roots and proofs of any past size. A proof's node coordinates do not depend
/// on hash values, so a proof is computed twice: once recording which nodes it asks for, then,
/// after one query has fetched them all, from the stored hashes.
/// </summary>
public abstract partial class SqlFactStore
{
    /// <summary>How many older records one catch-up transaction adds to the tree (each holds the chain's lock).</summary>
    private const int CatchUpBatch = 1_000;

    private static readonly byte[] Unknown = new byte[MerkleHash.Size];

    public async Task<byte[]> ReadTreeRootAsync(long treeSize, CancellationToken cancellationToken)
    {
        if (treeSize < 0)
        {
            throw new HubValidationException("tree_size", "must not be negative");
        }

        return await ProveAsync(treeSize, p => p.Root(treeSize), cancellationToken).ConfigureAwait(false);
    }

    public async Task<AuditInclusion> ReadInclusionProofAsync(long sequence, long treeSize, CancellationToken cancellationToken) =>
        (await ReadInclusionProofsAsync([sequence], treeSize, cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<AuditInclusion>> ReadInclusionProofsAsync(
        IReadOnlyList<long> sequences, long treeSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Any(s => s < 1 || s > treeSize))
        {
            throw new HubValidationException("sequence", $"must be from 1 to the tree size ({treeSize})");
        }

        if (sequences.Count == 0)
        {
            return [];
        }

        // One node query for every proof, one query for the records (sequences are numbers the
        // caller's request was checked against above, so they go in as literals like the nodes').
        var proofs = await ProveAsync(
            treeSize, p => sequences.Select(s => p.Inclusion(AuditLeaf.Index(s), treeSize)).ToList(), cancellationToken).ConfigureAwait(false);
        var stored = (await QueryAsync(
            $"SELECT {AuditColumns.SelectSalted} FROM audit_records r WHERE r.seq IN ({string.Join(", ", sequences.Distinct())});",
            r => (Record: ReadRecord(r), Salt: AuditColumns.Salt(r)), cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => r.Record.Sequence);
        return [.. sequences.Select((sequence, i) => stored.TryGetValue(sequence, out var row) && row.Salt is { } salt
            ? new AuditInclusion(row.Record, salt, AuditLeaf.Bytes(salt, sequence, row.Record.Entry), treeSize, proofs[i])
            : throw new HubDataLossException("AUDIT_LOG_DAMAGED", $"audit record {sequence} is in the tree but missing or without its salt"))];
    }

    public async Task<IReadOnlyList<byte[]>> ReadConsistencyProofAsync(long firstSize, long secondSize, CancellationToken cancellationToken)
    {
        if (firstSize < 1 || secondSize < firstSize)
        {
            throw new HubValidationException("first_size", $"must be from 1 to the second size ({secondSize})");
        }

        return await ProveAsync(secondSize, p => p.Consistency(firstSize, secondSize), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="prove"/> over the stored tree of <paramref name="treeSize"/> leaves,
    /// its nodes fetched in one query together with the last leaf, whose absence means the tree
    /// is smaller than asked.
    /// </summary>
    private async Task<T> ProveAsync<T>(long treeSize, Func<MerkleProofs, T> prove, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        if (treeSize == 0)
        {
            return prove(new MerkleProofs((_, _) => throw new InvalidOperationException("The empty tree has no nodes.")));
        }

        var needed = new HashSet<(int Level, long Index)> { (0, treeSize - 1) };
        prove(new MerkleProofs((level, index) =>
        {
            needed.Add((level, index));
            return Unknown;
        }));
        var stored = (await QueryAsync(AuditTree.SelectNodes(needed), r => (r.GetInt32(0), r.GetInt64(1), (byte[])r.GetValue(2)), cancellationToken)
            .ConfigureAwait(false)).ToDictionary(n => (n.Item1, n.Item2), n => n.Item3);
        if (!stored.ContainsKey((0, treeSize - 1)))
        {
            throw new HubValidationException("tree_size", $"the log's tree does not hold {treeSize} records");
        }

        return prove(new MerkleProofs((level, index) => stored.TryGetValue((level, index), out var hash)
            ? hash
            : throw new HubDataLossException("AUDIT_LOG_DAMAGED", $"the audit tree's node ({level}, {index}) is missing")));
    }

    /// <summary>
    /// Adds every record the tree does not cover yet (those an older hub wrote), salting those
    /// without a salt, in transactions of <see cref="CatchUpBatch"/> records under the chain's
    /// lock: an interrupted catch-up resumes where its last commit left the tree, and a replica
    /// appending meanwhile leaves its salted records to it.
    /// </summary>
    private async Task CompleteTreeAsync(CancellationToken cancellationToken)
    {
        while (await engine.InTransactionAsync((c, t) => AddToTreeAsync(c, t, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
        }
    }

    /// <summary>One catch-up step; false when the tree already covered every record.</summary>
    private async Task<bool> AddToTreeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await engine.LockAsync(connection, transaction, WriteLock.AuditChain, cancellationToken).ConfigureAwait(false);
        MerkleEdge edge;
        await using (var command = Sql.Command(connection, transaction, AuditTree.SizeAndEdge))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var size = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            edge = await AuditTree.ReadEdgeAsync(reader, size, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"The audit tree of {size} leaves is missing nodes of its right edge.");
        }

        var rows = await Sql.QueryAsync(
            connection, transaction, $"SELECT {AuditColumns.SelectSalted} FROM audit_records r WHERE r.seq > @size ORDER BY r.seq LIMIT @limit;",
            r => (Record: ReadRecord(r), Salt: AuditColumns.Salt(r)), cancellationToken, ("@size", edge.Size), ("@limit", CatchUpBatch))
            .ConfigureAwait(false);
        var nodes = new List<MerkleNode>(2 * rows.Count + 64);
        var salted = new List<(long Sequence, byte[] Salt)>();
        foreach (var (record, stored) in rows)
        {
            if (record.Sequence != edge.Size + 1)
            {
                throw new InvalidDataException($"Audit record {edge.Size + 1} is missing; the tree cannot pass it.");
            }

            var salt = stored ?? AuditLeaf.NewSalt();
            if (stored is null)
            {
                salted.Add((record.Sequence, salt));
            }

            edge.Append(AuditLeaf.Hash(salt, record.Sequence, record.Entry), nodes);
        }

        await StoreSaltsAsync(connection, transaction, salted, cancellationToken).ConfigureAwait(false);
        await engine.InsertTreeAsync(connection, transaction, nodes, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0;
    }

    /// <summary>The new salts of a catch-up step in one statement (both engines update from a VALUES list).</summary>
    private static async Task StoreSaltsAsync(
        DbConnection connection, DbTransaction transaction, List<(long Sequence, byte[] Salt)> salted, CancellationToken cancellationToken)
    {
        if (salted.Count == 0)
        {
            return;
        }

        var rows = string.Join(", ", salted.Select((_, i) => $"(@seq{i}, @salt{i})"));
        await using var command = Sql.Command(
            connection, transaction, $"UPDATE audit_records SET salt = v.column2 FROM (VALUES {rows}) v WHERE audit_records.seq = v.column1;");
        for (var i = 0; i < salted.Count; i++)
        {
            Sql.Add(command, $"@seq{i}", salted[i].Sequence);
            Sql.Add(command, $"@salt{i}", salted[i].Salt);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
