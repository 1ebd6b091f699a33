namespace EnterpriseHub.Core.Access;

/// <summary>
/// The kinds of caller an RPC may admit. One identity may be of several kinds (a department that
/// is also a supervision reader; a portal that is also a delivery channel).
/// </summary>
[Flags]
public enum CallerKinds
{
    None = 0,

    /// <summary>An owner of fact types in the catalog (and not a portal).</summary>
    Department = 1,

    /// <summary>The department that owns every fact type the request names.</summary>
    Owner = 2,

    /// <summary>An identity in <c>Hub:Access:SupervisionReaders</c> (not a portal).</summary>
    SupervisionReader = 4,

    /// <summary>An identity in <c>Hub:Access:Portals</c>, acting for the one enterprise the request names.</summary>
    Portal = 8,

    /// <summary>An identity in <c>Hub:Access:DeliveryChannels</c>.</summary>
    DeliveryChannel = 16,

    /// <summary>An identity in <c>Hub:Access:Admins</c>.</summary>
    Admin = 32,

    /// <summary>Any identity the hub knows, of whatever kind.</summary>
    Anyone = Department | SupervisionReader | Portal | DeliveryChannel | Admin,
}
