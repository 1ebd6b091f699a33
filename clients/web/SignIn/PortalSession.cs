using System.Security.Claims;

namespace EnterpriseHub.Web.SignIn;

/// <summary>
/// The signed-in person as the session cookie carries them: their id and name, the enterprises
/// their certificate names, and the one they act for now (null until they choose). The only
/// source of the enterprise and the person for every call to the hub.
/// </summary>
internal sealed record PortalSession(string PersonId, string PersonName, IReadOnlyList<string> Allowed, string? Acting)
{
    public const string Scheme = "portal";
    private const string PersonClaim = "person";
    private const string NameClaim = "name";
    private const string AllowedClaim = "enterprise";
    private const string ActingClaim = "acting";

    /// <summary>A new session for a certificate's identity; acting at once when it names one enterprise.</summary>
    public static PortalSession For(UserIdentity identity) =>
        new(identity.PersonId, identity.PersonName, identity.Usccs, identity.Usccs.Count == 1 ? identity.Usccs[0] : null);

    public static PortalSession? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(PersonClaim) is not { } person)
        {
            return null;
        }

        var allowed = user.FindAll(AllowedClaim).Select(c => c.Value).ToList();
        var acting = user.FindFirstValue(ActingClaim);
        // A cookie can only come from this app, but the rule holds here too: act only for a named enterprise.
        return new PortalSession(person, user.FindFirstValue(NameClaim) ?? string.Empty, allowed, acting is not null && allowed.Contains(acting) ? acting : null);
    }

    public PortalSession ActingFor(string uscc) =>
        Allowed.Contains(uscc) ? this with { Acting = uscc } : throw new InvalidOperationException("The certificate does not name that enterprise.");

    public ClaimsPrincipal ToPrincipal()
    {
        var claims = new List<Claim> { new(PersonClaim, PersonId), new(NameClaim, PersonName) };
        claims.AddRange(Allowed.Select(u => new Claim(AllowedClaim, u)));
        if (Acting is not null)
        {
            claims.Add(new Claim(ActingClaim, Acting));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, NameClaim, null));
    }
}
