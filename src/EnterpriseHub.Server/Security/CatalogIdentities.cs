using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Proactive;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Security;

/// <summary>
/// Known identities as the catalog and the configuration name them today: the departments that
/// own fact types, the catalog's admins, the portals and the delivery channels. Read at each
/// handshake, so a department added to the catalog at run time is known at once.
/// </summary>
internal sealed class CatalogIdentities(FactTypeCatalog catalog, IOptions<AccessOptions> access, IOptions<ProactiveOptions> proactive)
    : IKnownIdentities
{
    public bool IsKnown(string identity) =>
        catalog.IsAdmin(identity)
        || access.Value.Portals.Contains(identity, StringComparer.Ordinal)
        || proactive.Value.Channels.Contains(identity, StringComparer.Ordinal)
        || catalog.All.Any(type => string.Equals(type.Owner, identity, StringComparison.Ordinal));
}
