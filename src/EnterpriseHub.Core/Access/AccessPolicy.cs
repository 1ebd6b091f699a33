using System.Collections.Concurrent;
using EnterpriseHub.Core.Catalog;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Core.Access;

/// <summary>
/// Who may read which fact types, decided for every request from the catalog's sharing classes
/// and the caller's grants as they stand now. Approved grants are kept in memory per requester
/// and dropped whenever a grant of that requester changes here; expiry is checked against the
/// clock on every request, so a revoked or expired grant stops at once.
/// </summary>
public sealed class AccessPolicy(FactTypeCatalog catalog, IGrantStore grants, IOptions<AccessOptions> options, TimeProvider time)
{
    private readonly HashSet<string> portals = new(options.Value.Portals, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<Grant>>> approved = new(StringComparer.Ordinal);

    public bool IsPortal(string caller) => portals.Contains(caller);

    public async Task<ReadAccess> ForAsync(string caller, CancellationToken cancellationToken)
    {
        if (IsPortal(caller))
        {
            return new ReadAccess(caller, catalog, [], everything: true);
        }

        var now = time.GetUtcNow();
        var known = approved.GetOrAdd(caller, c => grants.ActiveGrantsAsync(c, now, CancellationToken.None));
        IReadOnlyList<Grant> current;
        try
        {
            current = await known.WaitAsync(cancellationToken);
        }
        catch (Exception) when (known.IsFaulted)
        {
            approved.TryRemove(new KeyValuePair<string, Task<IReadOnlyList<Grant>>>(caller, known));
            throw;
        }

        return new ReadAccess(caller, catalog, current.Where(g => g.IsActive(now)).ToList(), everything: false);
    }

    /// <summary>Forgets what is known of a requester's grants; the next request reads them from the store.</summary>
    public void GrantsChanged(string requester) => approved.TryRemove(requester, out _);
}

/// <summary>What one caller may read during one request.</summary>
public sealed class ReadAccess
{
    private readonly string caller;
    private readonly FactTypeCatalog catalog;
    private readonly Dictionary<string, Grant> grants;
    private readonly bool everything;

    internal ReadAccess(string caller, FactTypeCatalog catalog, IReadOnlyList<Grant> active, bool everything)
    {
        this.caller = caller;
        this.catalog = catalog;
        this.everything = everything;
        grants = new Dictionary<string, Grant>(StringComparer.Ordinal);
        foreach (var grant in active.OrderBy(g => g.ExpiresAt))
        {
            grants[grant.FactType] = grant;
        }
    }

    /// <summary>
    /// Owners read their own types; unconditional types are open to all; conditional ones need a
    /// grant; not-shared ones and types missing from the catalog stay with their owner.
    /// </summary>
    public bool CanRead(string factType)
    {
        if (everything || Facts.FactTypeName.Owner(factType) == caller)
        {
            return true;
        }

        return catalog.Find(factType)?.Sharing switch
        {
            SharingClass.Unconditional => true,
            SharingClass.Conditional => grants.ContainsKey(factType),
            _ => false,
        };
    }

    /// <summary>The grant that opens a conditional type to the caller, or null.</summary>
    public Grant? GrantFor(string factType) => grants.GetValueOrDefault(factType);
}
