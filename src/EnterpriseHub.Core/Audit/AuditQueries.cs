using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Lookup;

namespace EnterpriseHub.Core.Audit;

/// <summary>Reads of the audit trail: an enterprise's access log, and verification of the chain.</summary>
public sealed class AuditQueries(IAuditStore store, UsccParser usccParser)
{
    private const int VerifyPage = 2000;

    /// <summary>
    /// Who read the enterprise's data, newest first (the access table admits the enterprise through
    /// the portal, and admins), each record that the latest signed checkpoint covers with its proof
    /// of inclusion in the tree that checkpoint signs.
    /// </summary>
    public async Task<AccessPage> ListAccessAsync(
        string uscc, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        if (!usccParser.TryParse(uscc, out var code, out var problem))
        {
            violations.Add(new FieldViolation("uscc", problem));
        }

        var size = Paging.Size(pageSize, violations);

        var before = PageToken.DecodeSequence("access", pageToken, violations);

        HubValidationException.ThrowIfAny(violations);

        var records = await store.ListReadsAsync(code.Value, size + 1, before, cancellationToken);
        var page = records.Take(size).ToList();
        var next = records.Count > size
            ? PageToken.EncodeSequence("access", page[^1].Sequence)
            : string.Empty;

        // Proofs lead to the root the log's key signed, so a reader checks them against the signed
        // checkpoint alone; records newer than it wait for the next one. A record naming other
        // enterprises too (written before the access log kept one record per enterprise) gets no
        // proof: its leaf would name them.
        var checkpoint = await store.ReadCheckpointAsync(null, cancellationToken);
        var body = checkpoint?.Body;
        var treeSize = body?.Size ?? 0;
        var proofs = await store.ReadInclusionProofsAsync(
            [.. page.Where(r => r.Sequence <= treeSize && r.Entry.Usccs.Count == 1).Select(r => r.Sequence)], treeSize, cancellationToken);
        return new AccessPage(
            page, proofs.ToDictionary(p => p.Record.Sequence), next, treeSize, body?.RootHash ?? Transparency.MerkleHash.EmptyRoot(),
            checkpoint?.WithCosignatures ?? string.Empty);
    }

    /// <summary>The latest signed checkpoint with its cosignatures; NOT_FOUND (NO_CHECKPOINT_YET) before the first.</summary>
    public async Task<StoredCheckpoint> LatestCheckpointAsync(CancellationToken cancellationToken) =>
        await store.ReadCheckpointAsync(null, cancellationToken)
        ?? throw new HubNotFoundException("NO_CHECKPOINT_YET", "the hub has not signed a checkpoint of its audit log yet");

    /// <summary>
    /// Recomputes records <paramref name="from"/> to <paramref name="to"/> (the stored end when 0)
    /// against the chain. The chain is one across replicas, so its end is read from the store;
    /// what this hub wrote itself is the check against truncation and a rewritten tail: its last
    /// record must still be there, with the hash it was written with.
    /// </summary>
    public async Task<ChainVerification> VerifyAsync(long from, long to, CancellationToken cancellationToken)
    {
        var written = store.Head;
        var head = await store.ReadHeadAsync(cancellationToken);
        from = from == 0 ? 1 : from;
        to = to == 0 ? head.Sequence : to;
        if (from < 1 || to > head.Sequence || (from > to && head.Sequence > 0))
        {
            throw new HubValidationException(
                "from_sequence", $"the range must lie within 1..{head.Sequence} with from_sequence ≤ to_sequence");
        }

        if (written.Sequence > head.Sequence)
        {
            return new ChainVerification(0, new ChainBreak(head.Sequence + 1, "records this hub wrote are missing"), head);
        }

        var previous = await store.HashBeforeAsync(from, cancellationToken);
        if (previous is null)
        {
            return new ChainVerification(0, new ChainBreak(from - 1, "the record is missing"), head);
        }

        long checkedCount = 0;
        for (var next = from; next <= to;)
        {
            var records = await store.ReadAuditAsync(next, (int)Math.Min(VerifyPage, to - next + 1), cancellationToken);
            if (records.Count == 0)
            {
                return new ChainVerification(checkedCount, new ChainBreak(next, "the record is missing"), head);
            }

            if (AuditChain.Verify(records, next, previous) is { } broken)
            {
                return new ChainVerification(checkedCount + (broken.Sequence - next), broken, head);
            }

            if (records.FirstOrDefault(r => r.Sequence == written.Sequence) is { } mine && mine.Hash != written.Hash)
            {
                return new ChainVerification(
                    checkedCount + (mine.Sequence - next), new ChainBreak(mine.Sequence, "the record does not match what this hub wrote"), head);
            }

            checkedCount += records.Count;
            previous = records[^1].Hash;
            next = records[^1].Sequence + 1;
        }

        return new ChainVerification(checkedCount, null, head);
    }
}

/// <summary>
/// A page of the access log, and by sequence the inclusion proofs of those records that name the
/// enterprise alone, in the tree of <paramref name="TreeSize"/> records whose root is <paramref name="Root"/>:
/// that of the signed <paramref name="Checkpoint"/> (empty, and the size 0, before the first).
/// </summary>
public sealed record AccessPage(
    IReadOnlyList<AuditRecord> Records, IReadOnlyDictionary<long, AuditInclusion> Proofs, string NextPageToken, long TreeSize, byte[] Root,
    string Checkpoint);

/// <summary>The outcome of a verification: how many records were recomputed and the first that failed, if any.</summary>
public sealed record ChainVerification(long RecordsChecked, ChainBreak? Break, AuditHead Head);
