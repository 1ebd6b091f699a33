using EnterpriseHub.Core.Caching;

namespace EnterpriseHub.Core.Access;

/// <summary>
/// The mark of the last access change anywhere in the cluster: a grant decided or revoked, a fact
/// type changed. It lives in the shared cache, so a change on one replica is seen by the next call
/// on every other before the changing call returns; each replica then drops what it keeps in memory
/// (grants, the catalog) and reads it again from the store.
/// </summary>
public sealed class AccessEpoch(HubCache cache)
{
    private const string Key = "access";

    /// <summary>The current mark; null when the cache cannot say, and nothing kept in memory may be trusted.</summary>
    public Task<string?> CurrentAsync(CancellationToken cancellationToken) => cache.VersionAsync(Key, cancellationToken);

    /// <summary>Moves the mark on; call it after the change commits.</summary>
    public Task ChangedAsync() => cache.InvalidateAsync([Key], CancellationToken.None);
}
