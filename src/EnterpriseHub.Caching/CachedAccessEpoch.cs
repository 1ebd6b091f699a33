using EnterpriseHub.Core.Access;

namespace EnterpriseHub.Caching;

/// <summary>
/// The cluster's access mark as one versioned key in the shared cache: moving it on gives the key
/// a new version on every replica at once, and a cache that cannot answer yields no mark, so the
/// domain reads grants and the catalog from the store until it answers again.
/// </summary>
public sealed class CachedAccessEpoch(HubCache cache) : IAccessEpoch
{
    private const string Key = "access";

    public Task<string?> CurrentAsync(CancellationToken cancellationToken) => cache.VersionAsync(Key, cancellationToken);

    public Task ChangedAsync() => cache.InvalidateAsync([Key], CancellationToken.None);
}
