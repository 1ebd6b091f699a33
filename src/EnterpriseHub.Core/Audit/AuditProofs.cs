using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Lookup;

namespace EnterpriseHub.Core.Audit;

/// <summary>
/// Proofs from the audit log's Merkle tree: that a record is in the log (for those the record
/// concerns, see <see cref="MayProve"/>), and that the log only grew (for anyone: it names no record).
/// </summary>
public sealed class AuditProofs(IAuditStore store, CallerDirectory callers, AuditTrail audit, TimeProvider time)
{
    /// <summary>
    /// The record's inclusion proof in the tree of <paramref name="treeSize"/> records (0: the latest
    /// signed checkpoint's), with the root it leads to and the signed checkpoint of that size if
    /// there is one. A caller the record does not concern is refused, and the refusal is audited
    /// naming no enterprise: a record may name a thousand (a publish batch), and one refused call
    /// must not write a record for each.
    /// </summary>
    public async Task<(AuditInclusion Inclusion, byte[] Root, StoredCheckpoint? Checkpoint)> ProveInclusionAsync(
        ReadContext context, long sequence, long treeSize, CancellationToken cancellationToken)
    {
        var checkpoint = treeSize == 0 ? await LatestCoveringAsync(sequence, cancellationToken) : null;
        treeSize = checkpoint?.Body.Size ?? treeSize;
        var inclusion = await store.ReadInclusionProofAsync(sequence, treeSize, cancellationToken);
        if (!MayProve(context, inclusion.Record.Entry))
        {
            await audit.RecordAsync(new AuditEntry(
                time.GetUtcNow(), context.Caller, context.OfficerId, AuditActions.Refusal, [], [],
                $"inclusion proof of record {sequence}", context.RequestId, "permission_denied", "RECORD_NOT_CONCERNED"));
            throw new HubPermissionException(
                "RECORD_NOT_CONCERNED", $"audit record {sequence} is not about '{context.Caller}''s own actions or the enterprise it acts for");
        }

        checkpoint ??= await store.ReadCheckpointAsync(treeSize, cancellationToken);
        return (inclusion, checkpoint?.Body.RootHash ?? await store.ReadTreeRootAsync(treeSize, cancellationToken), checkpoint);
    }

    /// <summary>The latest signed checkpoint, which must cover the record (FAILED_PRECONDITION otherwise: ask after the next one).</summary>
    private async Task<StoredCheckpoint> LatestCoveringAsync(long sequence, CancellationToken cancellationToken)
    {
        if (sequence < 1)
        {
            throw new HubValidationException("sequence", "must be at least 1");
        }

        var latest = await store.ReadCheckpointAsync(null, cancellationToken);
        return latest is not null && sequence <= latest.Body.Size
            ? latest
            : throw new HubConflictException(
                "RECORD_NOT_IN_CHECKPOINT",
                $"audit record {sequence} is newer than the latest signed checkpoint ({latest?.Body.Size ?? 0} records); ask again after the next one");
    }

    /// <summary>The consistency proof from <paramref name="firstSize"/> to <paramref name="secondSize"/> and both roots.</summary>
    public async Task<(IReadOnlyList<byte[]> Proof, byte[] FirstRoot, byte[] SecondRoot)> ProveConsistencyAsync(
        long firstSize, long secondSize, CancellationToken cancellationToken)
    {
        var proof = await store.ReadConsistencyProofAsync(firstSize, secondSize, cancellationToken);
        return (proof, await store.ReadTreeRootAsync(firstSize, cancellationToken), await store.ReadTreeRootAsync(secondSize, cancellationToken));
    }

    /// <summary>
    /// Whom a record concerns: every record an admin; a department the records of its own actions;
    /// the portal, acting for an enterprise, the records of that enterprise's access log that name
    /// it alone (a leaf holds the whole record, and records written before the access log kept one
    /// record per enterprise may name others).
    /// </summary>
    private bool MayProve(ReadContext context, AuditEntry entry)
    {
        var kinds = callers.KindsOf(context.Caller);
        return kinds.HasFlag(CallerKinds.Admin)
            || (kinds.HasFlag(CallerKinds.Department) && entry.Caller == context.Caller)
            || (kinds.HasFlag(CallerKinds.Portal) && context.ActingFor.Length > 0
                && AuditActions.InAccessLog(entry.Action) && entry.Usccs is [var only] && only == context.ActingFor);
    }
}
