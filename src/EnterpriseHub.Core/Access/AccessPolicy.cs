using System.Collections.Concurrent;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Access;

/// <summary>
/// Who may read which fact types, decided for every request from the catalog's sharing classes
/// and the caller's grants as they stand now. Approved grants are kept in memory per requester,
/// each list marked with the cluster's <see cref="IAccessEpoch"/> it was read under and used only
/// while the epoch stands, so a grant change on any replica reaches this one at its next request;
/// without an epoch (the cache failing) grants are read from the store on every request. Expiry
/// is checked against the clock on every request, so a revoked or expired grant stops at once.
/// </summary>
public sealed class AccessPolicy(
    FactTypeCatalog catalog, IGrantStore grants, IAccessEpoch epoch, CallerDirectory callers, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Approved> approved = new(StringComparer.Ordinal);

    /// <summary>
    /// What the caller may read. A portal reads every type, but only of the one enterprise it acts
    /// for: the access table lets it name no other.
    /// </summary>
    public async Task<ReadAccess> ForAsync(string caller, CancellationToken cancellationToken)
    {
        if (callers.IsPortal(caller))
        {
            return new ReadAccess(caller, catalog, [], everything: true);
        }

        var now = time.GetUtcNow();
        var mark = await catalog.SyncAsync(cancellationToken);
        IReadOnlyList<Grant> current;
        if (mark is null)
        {
            current = await grants.ActiveGrantsAsync(caller, now, cancellationToken);
        }
        else
        {
            var known = approved.AddOrUpdate(
                caller,
                static (c, state) => new Approved(state.mark, state.grants.ActiveGrantsAsync(c, state.now, CancellationToken.None)),
                static (c, held, state) => held.Epoch == state.mark
                    ? held
                    : new Approved(state.mark, state.grants.ActiveGrantsAsync(c, state.now, CancellationToken.None)),
                (mark, grants, now));
            try
            {
                current = await known.Grants.WaitAsync(cancellationToken);
            }
            catch (Exception) when (known.Grants.IsFaulted)
            {
                approved.TryRemove(new KeyValuePair<string, Approved>(caller, known));
                throw;
            }
        }

        return new ReadAccess(caller, catalog, current.Where(g => g.IsActive(now)).ToList(), everything: false);
    }

    /// <summary>
    /// A requester's grants changed here: forget them, and move the cluster's epoch on so every
    /// replica reads them again. Call it after the change commits.
    /// </summary>
    public async Task GrantsChangedAsync(string requester)
    {
        approved.TryRemove(requester, out _);
        await epoch.ChangedAsync();
    }

    private sealed record Approved(string Epoch, Task<IReadOnlyList<Grant>> Grants);
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
