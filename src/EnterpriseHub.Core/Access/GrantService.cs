using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Access;

/// <summary>
/// Grant requests, answers and revocations. Every action is stored together with its audit
/// record; an answer or revocation applies only to the state the caller saw.
/// </summary>
public sealed class GrantService(IGrantStore store, FactTypeCatalog catalog, AccessPolicy policy, TimeProvider time)
{
    private const int MaxText = 500;

    public async Task<Grant> RequestAsync(
        string caller, string requestId, string factType, string purpose, string legalBasis, DateTimeOffset? wantedUntil,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var violations = new List<FieldViolation>();
        RequireText(purpose, "purpose", violations);
        RequireText(legalBasis, "legal_basis", violations);
        if (wantedUntil is null || wantedUntil <= now)
        {
            violations.Add(new FieldViolation("wanted_until", "is required and must be in the future"));
        }

        await catalog.SyncAsync(cancellationToken);
        var definition = catalog.Find(factType);
        if (definition is null)
        {
            violations.Add(new FieldViolation("fact_type", "is not in the catalog"));
        }

        HubValidationException.ThrowIfAny(violations);
        if (definition!.Sharing != SharingClass.Conditional)
        {
            throw new HubConflictException("FACT_TYPE_NOT_CONDITIONAL", $"{factType} is {definition.Sharing}; only conditional types are granted");
        }

        if (definition.Owner == caller)
        {
            throw new HubConflictException("OWN_FACT_TYPE", $"{caller} owns {factType} and needs no grant");
        }

        var grant = new Grant(
            0, factType, caller, definition.Owner, purpose, legalBasis, now, wantedUntil!.Value, GrantState.Pending,
            null, string.Empty, null, null);
        return await store.AddGrantAsync(
            grant, Audit(now, caller, requestId, AuditActions.GrantRequest, grant, purpose, $"to {grant.Owner}"), cancellationToken);
    }

    public async Task<Grant> DecideAsync(
        string caller, string requestId, long id, bool approve, string reason, DateTimeOffset? expireTime,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grant = await OwnedAsync(caller, id, cancellationToken);
        var violations = new List<FieldViolation>();
        if (!approve)
        {
            RequireText(reason, "reason", violations);
        }
        else if (expireTime is { } expiry && (expiry <= now || expiry > grant.WantedUntil))
        {
            violations.Add(new FieldViolation("expire_time", "must be in the future and no later than the expiry asked for"));
        }

        HubValidationException.ThrowIfAny(violations);
        if (grant.State != GrantState.Pending)
        {
            throw new HubConflictException("GRANT_NOT_PENDING", $"grant {id} was answered already ({grant.State})");
        }

        var decided = grant with
        {
            State = approve ? GrantState.Approved : GrantState.Refused,
            DecidedAt = now,
            DecisionReason = reason,
            ExpiresAt = approve ? expireTime ?? grant.WantedUntil : null,
        };
        var detail = approve ? $"grant {id} approved until {decided.ExpiresAt:O}" : $"grant {id} refused";
        var entry = Audit(now, caller, requestId, AuditActions.GrantDecision, decided, grant.Purpose, detail);
        var replaced = await store.ReplaceGrantAsync(decided, GrantState.Pending, entry, cancellationToken);
        await policy.GrantsChangedAsync(grant.Requester);
        return replaced ? decided : throw new HubConflictException("GRANT_NOT_PENDING", $"grant {id} was answered meanwhile");
    }

    public async Task<Grant> RevokeAsync(string caller, string requestId, long id, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grant = await OwnedAsync(caller, id, cancellationToken);
        var violations = new List<FieldViolation>();
        RequireText(reason, "reason", violations);
        HubValidationException.ThrowIfAny(violations);
        if (grant.State != GrantState.Approved)
        {
            throw new HubConflictException("GRANT_NOT_APPROVED", $"grant {id} is {grant.State}; only an approved grant can be revoked");
        }

        var revoked = grant with { State = GrantState.Revoked, RevokedAt = now, DecisionReason = reason };
        var entry = Audit(now, caller, requestId, AuditActions.GrantRevocation, revoked, grant.Purpose, $"grant {id} revoked");
        var replaced = await store.ReplaceGrantAsync(revoked, GrantState.Approved, entry, cancellationToken);
        await policy.GrantsChangedAsync(grant.Requester);
        return replaced ? revoked : throw new HubConflictException("GRANT_NOT_APPROVED", $"grant {id} changed meanwhile");
    }

    /// <summary>The grants the caller asked for or must answer, newest first, optionally in one state.</summary>
    public async Task<IReadOnlyList<Grant>> ListAsync(string caller, GrantState? state, CancellationToken cancellationToken)
    {
        var all = await store.ListGrantsAsync(caller, cancellationToken);
        return state is null ? all : all.Where(g => g.State == state).ToList();
    }

    private async Task<Grant> OwnedAsync(string caller, long id, CancellationToken cancellationToken)
    {
        var grant = await store.FindGrantAsync(id, cancellationToken);
        if (grant is null || (grant.Owner != caller && grant.Requester != caller))
        {
            // A grant between other departments is not the caller's business, not even its existence.
            throw new HubNotFoundException("GRANT_NOT_FOUND", $"no grant {id} concerns {caller}");
        }

        return grant.Owner == caller
            ? grant
            : throw new HubPermissionException("FACT_TYPE_NOT_OWNED", $"only {grant.Owner}, the owner of {grant.FactType}, answers or revokes grant {id}");
    }

    private static AuditEntry Audit(
        DateTimeOffset now, string caller, string requestId, string action, Grant grant, string purpose, string detail) =>
        new(now, caller, string.Empty, action, [], [grant.FactType], purpose, requestId, "ok", detail);

    private static void RequireText(string value, string field, List<FieldViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            violations.Add(new FieldViolation(field, "is required"));
        }
        else if (value.Length > MaxText)
        {
            violations.Add(new FieldViolation(field, $"must be at most {MaxText} characters"));
        }
        else if (TextRules.HasControlCharacters(value))
        {
            violations.Add(new FieldViolation(field, TextRules.ControlCharactersProblem));
        }
    }
}
