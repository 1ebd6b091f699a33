using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Lookup;
using Google.Protobuf;

namespace EnterpriseHub.Server.Access;

/// <summary>
/// Applies <see cref="AccessTable"/> to one call: whether the caller is of a kind the method
/// admits, and, per request message, whether a portal names the person it calls for and only the
/// enterprise it acts for, and an owner only its own fact types. Every refusal is audited, naming
/// the enterprises and fact types the caller tried to reach.
/// </summary>
internal sealed class AccessGate(CallerDirectory callers, UsccParser usccParser, AuditTrail audit, TimeProvider time)
{
    /// <summary>The caller's admission to the method, before any request message is looked at.</summary>
    public async Task<Admission> AdmitAsync(string method, string caller, string requestId)
    {
        var kinds = callers.KindsOf(caller);
        if (!AccessTable.Methods.TryGetValue(method, out var access))
        {
            throw await RefuseAsync(method, caller, requestId, "METHOD_NOT_DECLARED", $"{method} is not open to any caller", [], []);
        }

        var admission = new Admission(method, caller, requestId, kinds, access);
        if ((kinds & access.Admits) == CallerKinds.None && !admission.AsOwnerOnly)
        {
            throw await RefuseAsync(method, caller, requestId, "CALLER_NOT_ADMITTED",
                $"{method} admits {Describe(access.Admits)}; '{caller}' is {Describe(kinds)}", [], []);
        }

        return admission;
    }

    /// <summary>Checks one request message against the method's declaration.</summary>
    public async Task CheckAsync(Admission admission, IMessage request)
    {
        var access = admission.Access;
        if (access.Scope is { } scope)
        {
            await CheckScopeAsync(admission, scope(request));
        }

        if (admission.AsOwnerOnly && access.OwnedTypes is { } owned)
        {
            var foreign = owned(request)
                .Where(t => FactTypeName.Problem(t) is null && FactTypeName.Owner(t) != admission.Caller)
                .Distinct().Order(StringComparer.Ordinal).ToList();
            if (foreign.Count > 0)
            {
                throw await RefuseAsync(admission.Method, admission.Caller, admission.RequestId, "FACT_TYPE_NOT_OWNED",
                    $"'{admission.Caller}' may act only on its own fact types; refused: {string.Join(", ", foreign)}", [], foreign);
            }
        }
    }

    private async Task CheckScopeAsync(Admission admission, EnterpriseScope scope)
    {
        if (!admission.AsPortal)
        {
            if (scope.ActingFor.Length > 0)
            {
                throw new HubValidationException("acting_for", "only a portal acts for an enterprise; leave it empty");
            }

            return;
        }

        if (!usccParser.TryParse(scope.ActingFor, out var actingFor, out var problem))
        {
            throw new HubValidationException("acting_for", $"the portal must name the enterprise it acts for: {problem}");
        }

        // A code that does not parse is left to the handler, which refuses it as malformed.
        var others = scope.Named
            .Select(n => usccParser.TryParse(n, out var code, out _) ? code.Value : null)
            .OfType<string>().Where(code => code != actingFor.Value).Distinct().ToList();
        if (others.Count > 0)
        {
            throw await RefuseAsync(admission.Method, admission.Caller, admission.RequestId, "PORTAL_OTHER_ENTERPRISE",
                $"the portal acts for {actingFor.Value} and may name no other enterprise", others, []);
        }

        // Every portal call names the person it is made for, so the enterprise's log can name its staff.
        var violations = new List<FieldViolation>();
        ReadContext.ValidateOfficer(scope.Person, violations, ReadContext.MissingPerson);
        HubValidationException.ThrowIfAny(violations);
    }

    private async Task<HubPermissionException> RefuseAsync(
        string method, string caller, string requestId, string reason, string message, IReadOnlyList<string> usccs,
        IReadOnlyList<string> factTypes)
    {
        await audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), caller, string.Empty, AuditActions.Refusal, usccs, factTypes, string.Empty, requestId,
            "permission_denied", $"{reason} {method}"));
        return new HubPermissionException(reason, message);
    }

    private static string Describe(CallerKinds kinds) =>
        kinds == CallerKinds.None
            ? "not a caller the hub knows"
            : string.Join(" or ", Enum.GetValues<CallerKinds>()
                .Where(k => k is not (CallerKinds.None or CallerKinds.Anyone) && kinds.HasFlag(k))
                .Select(k => k switch
                {
                    CallerKinds.Department => "a department",
                    CallerKinds.Owner => "the owner of the fact types named",
                    CallerKinds.SupervisionReader => "a supervision reader",
                    CallerKinds.Portal => "a portal acting for one enterprise",
                    CallerKinds.DeliveryChannel => "a delivery channel",
                    _ => "an admin",
                }));
}

/// <summary>How a caller was admitted to one call.</summary>
internal sealed record Admission(string Method, string Caller, string RequestId, CallerKinds Kinds, MethodAccess Access)
{
    /// <summary>Admitted as a portal: every request must stay within the enterprise it acts for.</summary>
    public bool AsPortal => Access.Admits.HasFlag(CallerKinds.Portal) && Kinds.HasFlag(CallerKinds.Portal);

    /// <summary>Admitted only as the owner of the fact types named: every request must name only its own.</summary>
    public bool AsOwnerOnly =>
        Access.Admits.HasFlag(CallerKinds.Owner) && Kinds.HasFlag(CallerKinds.Department)
        && (Kinds & Access.Admits & ~CallerKinds.Owner) == CallerKinds.None;
}
