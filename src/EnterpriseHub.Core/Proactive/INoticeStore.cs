namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// Policies, the notices delivered to enterprises, and how far the matcher has read the fact log.
/// A notice key is delivered to an enterprise at most once, ever: that is what keeps a restart, a
/// second replica or a re-match from delivering anything twice.
/// </summary>
public interface INoticeStore
{
    /// <summary>
    /// Stores a policy with its audit record in one transaction, giving it the next policy sequence.
    /// Idempotent: the same policy again (department and id) with the same content (PublishedAt and
    /// Sequence aside) returns the stored one and writes nothing; with other content it fails with
    /// <see cref="Errors.HubConflictException"/> (reason POLICY_EXISTS). Returns the stored policy.
    /// </summary>
    Task<Policy> AddPolicyAsync(Policy policy, Audit.AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The policy, or null.</summary>
    Task<Policy?> FindPolicyAsync(string department, string id, CancellationToken cancellationToken);

    /// <summary>Policies whose window contains <paramref name="at"/> (ValidFrom ≤ at &lt; ValidUntil), in sequence order.</summary>
    Task<IReadOnlyList<Policy>> ActivePoliciesAsync(DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Policies stored after <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<Policy>> PoliciesAfterAsync(long afterSequence, CancellationToken cancellationToken);

    /// <summary>A department's policies, newest first.</summary>
    Task<IReadOnlyList<Policy>> ListPoliciesAsync(string department, CancellationToken cancellationToken);

    /// <summary>Where the matcher stands.</summary>
    Task<NoticeState> ReadNoticeStateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: appends the notices whose (enterprise, key) was never delivered, in order,
    /// with the next sequences (the others, and repeats within the list, are skipped silently), and
    /// sets the cursors to <paramref name="advanced"/>'s (its version is ignored: the store moves the
    /// version on by one). Optimistic: fails with <see cref="Errors.HubConflictException"/> (reason
    /// NOTICE_STATE_CHANGED), storing nothing, when the state is no longer <paramref name="expected"/>.
    /// Returns the notices stored and the new state.
    /// </summary>
    Task<NoticesDelivered> DeliverNoticesAsync(
        NoticeState expected, IReadOnlyList<NewNotice> notices, NoticeState advanced, CancellationToken cancellationToken);

    /// <summary>An enterprise's notices, newest first, before <paramref name="beforeSequence"/> (null for the newest).</summary>
    Task<IReadOnlyList<Notice>> ListNoticesAsync(string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Marks an enterprise's notice read (the first time only); null when it has no such notice.</summary>
    Task<Notice?> MarkNoticeReadAsync(string uscc, long sequence, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The delivery log after <paramref name="afterSequence"/>, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Notice>> ReadNoticesAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The greatest notice sequence (0 when none).</summary>
    Task<long> LastNoticeAsync(CancellationToken cancellationToken);

    /// <summary>Becomes the one matcher among all hub processes on this store, like the credit evaluator's lease; null when another holds it.</summary>
    Task<IAsyncDisposable?> TryLeadMatchingAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Where the matcher stands: facts up to <see cref="FactCursor"/> have been matched, policies up
/// to <see cref="PolicyCursor"/> (their sequence of arrival) matched against every enterprise, and
/// reminders evaluated up to <see cref="RemindedUntil"/>, and credit alerts up to
/// <see cref="AlertCursor"/> turned into warnings. <see cref="Version"/> moves on every write.
/// A new store starts at version 0, cursors 0 and <see cref="DateTimeOffset.MinValue"/>; a store
/// migrated from a hub without credit warnings starts its alert cursor at the last alert then.
/// </summary>
public sealed record NoticeState(long Version, long FactCursor, long PolicyCursor, DateTimeOffset RemindedUntil, long AlertCursor = 0);

/// <summary>What a delivery stored: the notices with their sequences, and the state after it.</summary>
public sealed record NoticesDelivered(IReadOnlyList<Notice> Notices, NoticeState State);
