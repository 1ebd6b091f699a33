namespace EnterpriseHub.Core.Feed;

/// <summary>A department's named subscription: a filter, and the cursor the hub keeps for it.</summary>
/// <param name="AckedPosition">Every event up to this sequence is processed.</param>
/// <param name="StartAfterSequence">
/// Where it started: the create request's <c>start_after_sequence</c>. It carries only facts after
/// it, whatever it acknowledges later. Subscriptions stored before it was kept have 0: they may
/// have carried the whole log.
/// </param>
public sealed record SubscriptionRecord(
    string Owner,
    string Name,
    IReadOnlyList<string> FactTypes,
    IReadOnlyList<string> Usccs,
    string Zone,
    string Purpose,
    string OfficerId,
    long AckedPosition,
    DateTimeOffset CreatedAt,
    long StartAfterSequence)
{
    /// <summary>
    /// Whether two subscriptions watch the same facts for the same reason. The start position is
    /// not part of the filter: creating a subscription again with the same filter returns the
    /// stored one unchanged, whatever start the retry asks for (a client that creates "from the
    /// head" at every start must get its existing subscription back, not a conflict).
    /// </summary>
    public bool SameFilter(SubscriptionRecord other) =>
        FactTypes.SequenceEqual(other.FactTypes, StringComparer.Ordinal)
        && Usccs.SequenceEqual(other.Usccs, StringComparer.Ordinal)
        && Zone == other.Zone
        && Purpose == other.Purpose
        && OfficerId == other.OfficerId;
}

/// <summary>The durable subscriptions.</summary>
public interface ISubscriptionStore
{
    /// <summary>Stores a new subscription, or returns the one already stored under its owner and name.</summary>
    Task<SubscriptionRecord> AddSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken);

    Task<SubscriptionRecord?> FindSubscriptionAsync(string owner, string name, CancellationToken cancellationToken);

    /// <summary>Moves the acknowledgement forward (never back); null when there is no such subscription.</summary>
    Task<SubscriptionRecord?> AckSubscriptionAsync(string owner, string name, long position, CancellationToken cancellationToken);

    Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The greatest sequence in the fact log (0 when empty).</summary>
    Task<long> HeadSequenceAsync(CancellationToken cancellationToken);
}
