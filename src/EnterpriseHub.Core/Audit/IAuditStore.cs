namespace EnterpriseHub.Core.Audit;

/// <summary>
/// The durable audit trail. Records are appended in one chain, never changed; the store links
/// each entry to the record before it (<see cref="AuditChain"/>).
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends entries in order in one transaction; returns the linked records once durable.</summary>
    Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>Records with sequence ≥ <paramref name="fromSequence"/>, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(long fromSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The record before <paramref name="sequence"/>'s hash (the genesis hash for 1), or null when it is missing.</summary>
    Task<string?> HashBeforeAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>The last record's sequence and hash as this store wrote them (0 and the genesis hash when empty).</summary>
    AuditHead Head { get; }

    /// <summary>
    /// The last record as stored now, whoever wrote it (0 and the genesis hash when empty). Unlike
    /// <see cref="Head"/> it includes what other hub replicas sharing the store appended.
    /// </summary>
    Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken);

    /// <summary>Read records naming the enterprise, newest first.</summary>
    /// <param name="beforeSequence">Only records before this one; null for the newest.</param>
    Task<IReadOnlyList<AuditRecord>> ListReadsAsync(string uscc, int limit, long? beforeSequence, CancellationToken cancellationToken);

    /// <summary>
    /// The root of the log's Merkle tree when it held <paramref name="treeSize"/> records (the
    /// empty root for 0). A size beyond the stored tree is refused (<see cref="Errors.HubValidationException"/>).
    /// </summary>
    Task<byte[]> ReadTreeRootAsync(long treeSize, CancellationToken cancellationToken);

    /// <summary>
    /// The record at <paramref name="sequence"/> with its salt and leaf bytes, and its inclusion
    /// proof in the tree of <paramref name="treeSize"/> records; a sequence outside that tree, or
    /// a size beyond the stored tree, is refused (<see cref="Errors.HubValidationException"/>).
    /// </summary>
    Task<AuditInclusion> ReadInclusionProofAsync(long sequence, long treeSize, CancellationToken cancellationToken);

    /// <summary>Several records' inclusion proofs in the tree of <paramref name="treeSize"/> records, in the order asked, read together.</summary>
    Task<IReadOnlyList<AuditInclusion>> ReadInclusionProofsAsync(IReadOnlyList<long> sequences, long treeSize, CancellationToken cancellationToken);

    /// <summary>
    /// The proof that the tree of <paramref name="secondSize"/> records extends that of
    /// <paramref name="firstSize"/> (1 ≤ first ≤ second ≤ the stored tree, or <see cref="Errors.HubValidationException"/>).
    /// </summary>
    Task<IReadOnlyList<byte[]>> ReadConsistencyProofAsync(long firstSize, long secondSize, CancellationToken cancellationToken);

    /// <summary>
    /// The log's id: 16 random hex digits made when the store was created and never changed, so
    /// that checkpoints of a store that was reset never share an origin with the old one's.
    /// </summary>
    string LogId { get; }

    /// <summary>The signed checkpoint of <paramref name="treeSize"/> records, or the latest when null; null when there is none.</summary>
    Task<StoredCheckpoint?> ReadCheckpointAsync(long? treeSize, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a checkpoint the log's key signed (no cosignatures yet); false when one of that size
    /// is stored already. Checkpoints are never changed or removed.
    /// </summary>
    Task<bool> AddCheckpointAsync(long treeSize, DateTimeOffset signedAt, string note, CancellationToken cancellationToken);

    /// <summary>Keeps a witness's cosignature line of the stored checkpoint of <paramref name="treeSize"/> (once per witness).</summary>
    Task AddCosignatureAsync(long treeSize, string witness, string signatureLine, CancellationToken cancellationToken);

    /// <summary>The largest checkpoint size <paramref name="witness"/> has cosigned, 0 when none.</summary>
    Task<long> ReadCosignedSizeAsync(string witness, CancellationToken cancellationToken);

    /// <summary>Takes the lease that lets one hub at a time sign checkpoints; null while another holds it. Dispose to release it.</summary>
    Task<IAsyncDisposable?> TryLeadCheckpointsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A checkpoint as the hub signed it (<see cref="Note"/>: the checkpoint's text, a blank line, the
/// log's signature line) and the cosignature lines its witnesses returned, by witness name.
/// </summary>
public sealed record StoredCheckpoint(long TreeSize, DateTimeOffset SignedAt, string Note, IReadOnlyList<(string Witness, string Line)> Cosignatures)
{
    /// <summary>The note with every cosignature: a signed note's signature lines follow one another.</summary>
    public string WithCosignatures => Note + string.Concat(Cosignatures.Select(c => c.Line));

    private Transparency.Notes.Checkpoint? body;

    /// <summary>The checkpoint the note signs: origin, tree size and root hash (parsed at the first use, once).</summary>
    public Transparency.Notes.Checkpoint Body => body ??= Transparency.Notes.Checkpoint.Parse(Transparency.Notes.Note.Parse(Note).Text);
}

/// <summary>The end of the chain: the last sequence written and its hash.</summary>
public sealed record AuditHead(long Sequence, string Hash);

/// <summary>
/// A record, what its leaf is made of and the proof that the leaf is in the tree of
/// <see cref="TreeSize"/> records (<see cref="Transparency.MerkleVerifier.VerifyInclusion"/> checks it
/// against that tree's root with the leaf hash of <see cref="LeafBytes"/>).
/// </summary>
public sealed record AuditInclusion(AuditRecord Record, byte[] Salt, byte[] LeafBytes, long TreeSize, IReadOnlyList<byte[]> Proof);
