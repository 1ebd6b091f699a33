using System.Collections.Frozen;
using System.Text.RegularExpressions;
using EnterpriseHub.Core.Catalog;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Core.Access;

/// <summary>
/// Who an identity (a client certificate's subject CN) is to the hub: the departments are the
/// owners of the catalog's fact types as it stands now; portals, supervision readers, delivery
/// channels and admins are configured in <c>Hub:Access</c>. An identity of no kind is unknown.
/// </summary>
public sealed partial class CallerDirectory(FactTypeCatalog catalog, IOptions<AccessOptions> options)
{
    private readonly FrozenSet<string> portals = options.Value.Portals.ToFrozenSet(StringComparer.Ordinal);
    private readonly FrozenSet<string> readers = options.Value.SupervisionReaders.ToFrozenSet(StringComparer.Ordinal);
    private readonly FrozenSet<string> channels = options.Value.DeliveryChannels.ToFrozenSet(StringComparer.Ordinal);
    private readonly FrozenSet<string> admins = options.Value.Admins.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="identity"/> has the shape of an identity at all.</summary>
    public static bool IsWellFormed(string identity) => IdentityPattern().IsMatch(identity);

    public bool IsPortal(string identity) => portals.Contains(identity);

    /// <summary>Every kind the identity is of; <see cref="CallerKinds.Owner"/> is decided per request.</summary>
    public CallerKinds KindsOf(string identity)
    {
        var kinds = CallerKinds.None;
        if (portals.Contains(identity))
        {
            kinds |= CallerKinds.Portal;
        }
        else
        {
            kinds |= catalog.IsDepartment(identity) ? CallerKinds.Department : CallerKinds.None;
            kinds |= readers.Contains(identity) ? CallerKinds.SupervisionReader : CallerKinds.None;
        }

        if (channels.Contains(identity))
        {
            kinds |= CallerKinds.DeliveryChannel;
        }

        if (admins.Contains(identity))
        {
            kinds |= CallerKinds.Admin;
        }

        return kinds;
    }

    /// <summary>Whether the hub knows the identity as any kind of caller.</summary>
    public bool IsKnown(string identity) => KindsOf(identity) != CallerKinds.None;

    [GeneratedRegex("^[a-z][a-z0-9_]{1,31}$")]
    private static partial Regex IdentityPattern();
}
