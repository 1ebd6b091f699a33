namespace EnterpriseHub.Core.Access;

/// <summary>Configuration section <c>Hub:Access</c>.</summary>
public sealed class AccessOptions
{
    /// <summary>
    /// Identities of enterprise portals: each acts for one enterprise per request (named in
    /// <c>acting_for</c>) and sees all of that enterprise's own facts, never another's.
    /// </summary>
    public List<string> Portals { get; set; } = ["portal"];
}
