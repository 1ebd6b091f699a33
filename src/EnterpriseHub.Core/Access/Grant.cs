namespace EnterpriseHub.Core.Access;

/// <summary>Where a grant request stands. An approved grant past its expiry is expired, not a state of its own.</summary>
public enum GrantState
{
    Pending,
    Approved,
    Refused,
    Revoked,
}

/// <summary>
/// A department's request to read another's conditional fact type, and the owner's answer.
/// The request, the answer and their times are kept: the regulation sets reply deadlines.
/// </summary>
/// <param name="WantedUntil">The expiry the requester asked for.</param>
/// <param name="ExpiresAt">The expiry the owner granted (at most the one wanted); null unless approved.</param>
public sealed record Grant(
    long Id,
    string FactType,
    string Requester,
    string Owner,
    string Purpose,
    string LegalBasis,
    DateTimeOffset RequestedAt,
    DateTimeOffset WantedUntil,
    GrantState State,
    DateTimeOffset? DecidedAt,
    string DecisionReason,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>True while the grant lets its requester read: approved, not revoked, not expired.</summary>
    public bool IsActive(DateTimeOffset now) => State == GrantState.Approved && ExpiresAt > now;
}

/// <summary>The durable grants.</summary>
public interface IGrantStore
{
    /// <summary>Stores a new request (its id is assigned) together with its audit record.</summary>
    Task<Grant> AddGrantAsync(Grant grant, Audit.AuditEntry audit, CancellationToken cancellationToken);

    Task<Grant?> FindGrantAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a grant with its answered or revoked form together with the audit record, only
    /// while it is still in <paramref name="expected"/>; false when another call changed it first.
    /// </summary>
    Task<bool> ReplaceGrantAsync(Grant updated, GrantState expected, Audit.AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Every grant the department asked for or owns, newest first.</summary>
    Task<IReadOnlyList<Grant>> ListGrantsAsync(string department, CancellationToken cancellationToken);

    /// <summary>The grants that let <paramref name="requester"/> read now.</summary>
    Task<IReadOnlyList<Grant>> ActiveGrantsAsync(string requester, DateTimeOffset now, CancellationToken cancellationToken);
}
