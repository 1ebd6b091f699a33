namespace EnterpriseHub.Core.Access;

/// <summary>
/// Configuration section <c>Hub:Access</c>: the identities that are more than, or other than, a
/// department. Departments themselves are the owners of the catalog's fact types. Which kinds of
/// caller may call which method is declared once, in the server's access table.
/// </summary>
public sealed class AccessOptions
{
    /// <summary>
    /// Identities of enterprise portals: each acts for one enterprise per request (named in
    /// <c>acting_for</c>) and sees all of that enterprise's own facts, never another's. A portal
    /// is never a department, even if a fact type names it as owner.
    /// </summary>
    public List<string> Portals { get; set; } = ["portal"];

    /// <summary>The supervision departments that may read credit profiles, risk lists and alerts.</summary>
    public List<string> SupervisionReaders { get; set; } = ["amr", "tax", "customs", "court"];

    /// <summary>The delivery channels (portal push, SMS gateway) that may stream every notice delivery.</summary>
    public List<string> DeliveryChannels { get; set; } = ["portal"];

    /// <summary>The hub's operators: catalog administration and whole-chain audit reads.</summary>
    public List<string> Admins { get; set; } = ["admin"];

    /// <summary>Every problem of the section, not only the first.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, list) in Lists())
        {
            foreach (var identity in list)
            {
                if (!CallerDirectory.IsWellFormed(identity))
                {
                    yield return $"Hub:Access:{name} entry '{identity}' is not an identity (lower case letters, digits and _, 2 to 32 characters).";
                }
            }

            foreach (var twice in list.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                yield return $"Hub:Access:{name} lists '{twice.Key}' more than once.";
            }
        }

        foreach (var both in Portals.Intersect(SupervisionReaders.Concat(Admins), StringComparer.Ordinal))
        {
            yield return $"Hub:Access: '{both}' is a portal and cannot also be a supervision reader or an admin.";
        }
    }

    private IEnumerable<(string Name, List<string> List)> Lists() =>
    [
        (nameof(Portals), Portals), (nameof(SupervisionReaders), SupervisionReaders),
        (nameof(DeliveryChannels), DeliveryChannels), (nameof(Admins), Admins),
    ];
}
