using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Core.Facts;

/// <summary>
/// Validates a batch of facts from one department and appends it, all or nothing: every
/// malformed field is reported at once, a foreign fact type refuses the whole batch, and
/// nothing is stored unless everything is acceptable.
/// </summary>
public sealed class FactPublisher(
    IFactStore store, AuditTrail audit, FactTypeCatalog catalog, Feed.FeedSignal feed, UsccParser usccParser,
    IOptions<PublishOptions> options, TimeProvider time)
{
    private readonly PublishOptions _limits = options.Value;

    public Task<IReadOnlyList<PublishOutcome>> PublishAsync(
        string publisher, string requestId, IReadOnlyList<FactInput> inputs, CancellationToken cancellationToken) =>
        PublishAsync(publisher, requestId, inputs, ownTypesOnly: true, cancellationToken);

    /// <summary>
    /// Publishes facts an enterprise declared through the portal into the declared-fact types of
    /// the departments that need them (the Forms service): every rule of a publish holds but the
    /// ownership of the types, and the publisher on record is the portal.
    /// </summary>
    public Task<IReadOnlyList<PublishOutcome>> PublishDeclaredAsync(
        string portal, string requestId, IReadOnlyList<FactInput> inputs, CancellationToken cancellationToken) =>
        PublishAsync(portal, requestId, inputs, ownTypesOnly: false, cancellationToken);

    private async Task<IReadOnlyList<PublishOutcome>> PublishAsync(
        string publisher, string requestId, IReadOnlyList<FactInput> inputs, bool ownTypesOnly, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0)
        {
            throw new HubValidationException("facts", "at least one fact is required");
        }

        if (inputs.Count > _limits.MaxBatchSize)
        {
            throw new HubLimitException(
                "BATCH_TOO_LARGE", $"a batch holds at most {_limits.MaxBatchSize} facts, got {inputs.Count}; split it");
        }

        // A foreign fact type refuses the batch before its fields are looked at.
        var now = time.GetUtcNow();
        var foreign = inputs.Select(i => i.FactType).Distinct()
            .Where(t => FactTypeName.Problem(t) is null && FactTypeName.Owner(t) != publisher).Order(StringComparer.Ordinal).ToList();
        if (ownTypesOnly && foreign.Count > 0)
        {
            var refusal = new HubPermissionException(
                "FACT_TYPE_NOT_OWNED", $"'{publisher}' may publish only its own fact types; refused: {string.Join(", ", foreign)}");
            await audit.RecordAsync(new AuditEntry(
                now, publisher, string.Empty, AuditActions.Publish, [], foreign, string.Empty, requestId, "permission_denied", refusal.Reason));
            throw refusal;
        }

        await catalog.SyncAsync(cancellationToken);
        var drafts = new FactDraft[inputs.Count];
        var warnings = new IReadOnlyList<string>[inputs.Count];
        var violations = new List<FieldViolation>();
        for (var i = 0; i < inputs.Count; i++)
        {
            (drafts[i], warnings[i]) = Validate(inputs[i], $"facts[{i}]", violations);
        }

        if (violations.Count > 0)
        {
            throw new HubValidationException(violations);
        }

        var entry = new AuditEntry(
            now, publisher, OfficerId: string.Empty, AuditActions.Publish,
            drafts.Select(d => d.Uscc).Distinct().Order(StringComparer.Ordinal).ToList(),
            drafts.Select(d => d.FactType).Distinct().Order(StringComparer.Ordinal).ToList(),
            Purpose: string.Empty, requestId, Outcome: "ok");

        IReadOnlyList<AppendedFact> appended;
        try
        {
            appended = await store.AppendAsync(publisher, drafts, now, entry, cancellationToken);
        }
        catch (HubConflictException conflict)
        {
            await audit.RecordAsync(entry with { Outcome = "failed_precondition", Detail = conflict.Reason });
            throw;
        }

        if (appended.Any(a => !a.Duplicate))
        {
            feed.Notify();
        }

        var outcomes = new PublishOutcome[drafts.Length];
        for (var i = 0; i < drafts.Length; i++)
        {
            outcomes[i] = new PublishOutcome(
                drafts[i].SourceRecordId, appended[i].Sequence, appended[i].PublishTime, appended[i].Duplicate, warnings[i]);
        }

        return outcomes;
    }

    private (FactDraft Draft, IReadOnlyList<string> Warnings) Validate(FactInput input, string path, List<FieldViolation> violations)
    {
        IReadOnlyList<string> warnings = [];
        if (!usccParser.TryParse(input.Uscc, out var uscc, out var usccProblem))
        {
            violations.Add(new FieldViolation($"{path}.uscc", usccProblem));
        }
        else if (!uscc.OrganizationCheckPassed)
        {
            warnings = ["uscc: the organisation code's check character does not match (advisory)"];
        }

        var definition = FactTypeName.Problem(input.FactType) is { } typeProblem
            ? Refuse(typeProblem)
            : catalog.Find(input.FactType) ?? Refuse("is not in the catalog");

        if (input.AttributesJson is null)
        {
            violations.Add(new FieldViolation($"{path}.attributes", "is required (an object, possibly empty)"));
        }
        else if (input.AttributesJson.Length > _limits.MaxAttributesLength)
        {
            violations.Add(new FieldViolation(
                $"{path}.attributes", $"must be at most {_limits.MaxAttributesLength} characters as JSON"));
        }
        else if (definition is not null)
        {
            AttributeValidator.Validate(definition, input.AttributesJson, $"{path}.attributes", violations);
        }

        if (input.EffectiveTime is null)
        {
            violations.Add(new FieldViolation($"{path}.effective_time", "is required"));
        }

        if (string.IsNullOrWhiteSpace(input.SourceRecordId))
        {
            violations.Add(new FieldViolation($"{path}.source_record_id", "is required"));
        }
        else if (input.SourceRecordId.Length > _limits.MaxSourceRecordIdLength)
        {
            violations.Add(new FieldViolation(
                $"{path}.source_record_id", $"must be at most {_limits.MaxSourceRecordIdLength} characters"));
        }
        else if (TextRules.HasControlCharacters(input.SourceRecordId))
        {
            violations.Add(new FieldViolation($"{path}.source_record_id", TextRules.ControlCharactersProblem));
        }

        FactTypeDefinition? Refuse(string problem)
        {
            violations.Add(new FieldViolation($"{path}.fact_type", problem));
            return null;
        }

        var draft = new FactDraft(
            input.Uscc, input.FactType, input.AttributesJson ?? "{}", input.EffectiveTime ?? default, input.SourceRecordId);
        return (draft, warnings);
    }
}
