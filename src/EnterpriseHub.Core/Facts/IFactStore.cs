using EnterpriseHub.Core.Enterprises;

namespace EnterpriseHub.Core.Facts;

/// <summary>
/// The durable fact log and the views derived from it. Facts are appended, never changed;
/// the current view holds, per enterprise and type, the fact with the greatest
/// (effective time, sequence).
/// </summary>
public interface IFactStore
{
    /// <summary>Creates or migrates the schema.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Appends a batch in one transaction, all or nothing, stamping each new fact with
    /// <paramref name="publishTime"/> and the next sequence numbers. A draft whose
    /// (publisher, source record id) is already stored with the same content is reported as a
    /// duplicate and not stored again; with other content the whole batch fails with
    /// <see cref="Errors.HubConflictException"/>. Results are in draft order. The publish's
    /// <paramref name="audit"/> record commits in the same transaction, so a stored batch is
    /// never without its audit record and a failed one leaves neither. So is the record of the
    /// form <paramref name="submission"/> the batch declares, when given.
    /// </summary>
    Task<IReadOnlyList<AppendedFact>> AppendAsync(
        string publisher,
        IReadOnlyList<FactDraft> drafts,
        DateTimeOffset publishTime,
        Audit.AuditEntry audit,
        CancellationToken cancellationToken,
        Forms.SubmissionDraft? submission = null);

    /// <summary>The enterprise with its current facts, or null when no fact about it is stored.</summary>
    Task<EnterpriseRecord?> GetEnterpriseAsync(string uscc, CancellationToken cancellationToken);

    /// <summary>
    /// The enterprise as the hub knew it at <paramref name="asOf"/>: per type, among the facts
    /// published by then, the one with the greatest (effective time, sequence). Null when no
    /// fact about it had been published by then.
    /// </summary>
    Task<EnterpriseRecord?> GetEnterpriseAsOfAsync(string uscc, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>The enterprises of those asked that have facts, in the order asked.</summary>
    Task<IReadOnlyList<EnterpriseRecord>> GetEnterprisesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken);

    /// <summary>Enterprises matching every criterion, in code order, without their facts.</summary>
    Task<EnterprisePage> SearchEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken);

    /// <summary>An enterprise's facts, superseded ones included, newest sequence first.</summary>
    Task<FactPage> GetFactHistoryAsync(FactHistoryQuery query, CancellationToken cancellationToken);

    /// <summary>The fact log after <paramref name="afterSequence"/>, in sequence order, at most <paramref name="limit"/> facts.</summary>
    Task<IReadOnlyList<Fact>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The fact a publisher stored under its record id, or null.</summary>
    Task<Fact?> FindFactAsync(string publisher, string sourceRecordId, CancellationToken cancellationToken);

    /// <summary>Every stored fact (history included) of the given types about the given enterprises, in sequence order.</summary>
    Task<IReadOnlyList<Fact>> LoadFactsAsync(IReadOnlyList<string> usccs, IReadOnlyCollection<string> factTypes, CancellationToken cancellationToken);

    /// <summary>Enterprises with at least one fact of the given types, in code order after <paramref name="afterUscc"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> EnterprisesWithFactsAsync(
        IReadOnlyCollection<string> factTypes, string? afterUscc, int limit, CancellationToken cancellationToken);

    /// <summary>True when no fact has ever been stored.</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);
}

/// <summary>A search over enterprises; every non-null criterion must hold.</summary>
/// <param name="DivisionCodes">Registration division codes (any of them); null for any division.</param>
/// <param name="IndustryPrefix">Industry code prefix; null for any industry.</param>
/// <param name="AfterUscc">Continue after this code (keyset paging); null for the first page.</param>
public sealed record EnterpriseQuery(
    string? NameContains,
    IReadOnlyList<string>? DivisionCodes,
    string? IndustryPrefix,
    int PageSize,
    string? AfterUscc);

/// <summary>A page of enterprises; <paramref name="LastUscc"/> is set when more may follow.</summary>
public sealed record EnterprisePage(IReadOnlyList<EnterpriseSummary> Items, string? LastUscc);

/// <summary>A page of an enterprise's fact history.</summary>
/// <param name="BeforeSequence">Only facts with a lower sequence; null for the newest.</param>
public sealed record FactHistoryQuery(string Uscc, string? FactType, int PageSize, long? BeforeSequence);

/// <summary>A page of facts; <paramref name="NextBeforeSequence"/> is set when more may follow.</summary>
public sealed record FactPage(IReadOnlyList<Fact> Items, long? NextBeforeSequence);
