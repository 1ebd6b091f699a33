using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// The credit projection's durable state: every evaluated enterprise's profile, the alerts (level
/// changes) in order, and how far into the fact log the projection has read. Profiles belong to a
/// generation; a rebuild (after the rules changed) writes the next generation beside the current
/// one, which keeps serving, and switches to it at once.
/// </summary>
public interface ICreditStore
{
    /// <summary>The current generation, the fact sequence the projection has applied up to, and the rules that made it.</summary>
    Task<CreditState> ReadCreditStateAsync(CancellationToken cancellationToken);

    /// <summary>The enterprise's profile in the current generation, or null when it was never evaluated.</summary>
    Task<CreditProfile?> GetCreditProfileAsync(string uscc, CancellationToken cancellationToken);

    /// <summary>The current generation's profiles of those asked that exist, in no particular order.</summary>
    Task<IReadOnlyList<CreditProfile>> GetCreditProfilesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: stores (replaces) <paramref name="profiles"/> in the current generation,
    /// appends <paramref name="alerts"/> in order with the next alert sequences, and, when
    /// <paramref name="factCursor"/> is set, moves the applied fact sequence to it. Optimistic: fails
    /// with <see cref="Errors.HubConflictException"/> (reason CREDIT_STATE_CHANGED), storing nothing,
    /// when the state is no longer <paramref name="expected"/> (another evaluator wrote meanwhile).
    /// Returns the alerts as stored and the new state.
    /// </summary>
    Task<CreditApplied> ApplyCreditAsync(
        CreditState expected, IReadOnlyList<CreditProfile> profiles, IReadOnlyList<NewCreditAlert> alerts, long? factCursor,
        CancellationToken cancellationToken);

    /// <summary>Stores profiles of a generation being rebuilt (not the current one); the current one keeps serving.</summary>
    Task WriteRebuiltProfilesAsync(long generation, IReadOnlyList<CreditProfile> profiles, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: makes <paramref name="generation"/> current with the fact cursor and rules it
    /// was built to, appends an alert (reason <paramref name="reason"/>, time <paramref name="at"/>) for
    /// every enterprise whose level differs between the old and the new generation (an enterprise
    /// missing from one counts as A there), and drops the old generation. Optimistic like
    /// <see cref="ApplyCreditAsync"/>. Returns the alerts and the new state.
    /// </summary>
    Task<CreditApplied> SwitchCreditGenerationAsync(
        CreditState expected, long generation, long factCursor, string rulesFingerprint, int rulesVersion, string reason,
        DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Enterprises at <paramref name="minLevel"/> or worse in the current generation, in code order after <paramref name="afterUscc"/>.</summary>
    /// <param name="divisionCodes">Registration division codes (any of them); null for every division.</param>
    Task<IReadOnlyList<CreditProfile>> ListCreditProfilesAsync(
        CreditLevel minLevel, IReadOnlyList<string>? divisionCodes, string? afterUscc, int limit, CancellationToken cancellationToken);

    /// <summary>Alerts after <paramref name="afterSequence"/>, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CreditAlert>> ReadCreditAlertsAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The greatest alert sequence (0 when none).</summary>
    Task<long> LastCreditAlertAsync(CancellationToken cancellationToken);

    /// <summary>Enterprises of the current generation whose next change is due at <paramref name="now"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> DueCreditProfilesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Becomes the one evaluator among all hub processes on this store: the lease is held until
    /// disposed (or this process's connection is lost); null when another process holds it.
    /// </summary>
    Task<IAsyncDisposable?> TryLeadCreditAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Where the projection stands: profiles of <see cref="Generation"/> reflect facts up to
/// <see cref="FactCursor"/> under the rules with <see cref="RulesFingerprint"/>. <see cref="Version"/>
/// moves on every write, so an evaluator that lost its lease cannot write over its successor.
/// A new store starts at generation 1, version 0, cursor 0, fingerprint "" and rules version 0.
/// </summary>
public sealed record CreditState(long Generation, long Version, long FactCursor, string RulesFingerprint, int RulesVersion);

/// <summary>What a write stored: its alerts with their sequences, and the state after it.</summary>
public sealed record CreditApplied(IReadOnlyList<CreditAlert> Alerts, CreditState State);

/// <summary>A level change to append; the store gives it its sequence.</summary>
public sealed record NewCreditAlert(string Uscc, CreditLevel Before, CreditLevel After, string Reason, DateTimeOffset Time, long? FactSequence);
