namespace EnterpriseHub.Core.Access;

/// <summary>
/// The mark of the last access change anywhere in the cluster: a grant decided or revoked, a fact
/// type changed. A change on one replica must be seen by the next call on every other before the
/// changing call returns; each replica then drops what it keeps in memory (grants, the catalog)
/// and reads it again from the store. The domain only asks for the mark; where it lives (the
/// shared cache) is the host's business.
/// </summary>
public interface IAccessEpoch
{
    /// <summary>The current mark; null when it cannot be known now, and nothing kept in memory may be trusted.</summary>
    Task<string?> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>Moves the mark on; call it after the change commits.</summary>
    Task ChangedAsync();
}
