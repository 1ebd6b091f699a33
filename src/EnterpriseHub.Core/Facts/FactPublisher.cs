using EnterpriseHub.Core.Audit;
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
    IFactStore store, AuditTrail audit, UsccParser usccParser, IOptions<PublishOptions> options, TimeProvider time)
{
    private readonly PublishOptions _limits = options.Value;

    public async Task<IReadOnlyList<PublishOutcome>> PublishAsync(
        string publisher, string requestId, IReadOnlyList<FactInput> inputs, CancellationToken cancellationToken)
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

        var now = time.GetUtcNow();
        var entry = new AuditEntry(
            now, publisher, OfficerId: string.Empty, AuditActions.Publish,
            drafts.Select(d => d.Uscc).Distinct().Order(StringComparer.Ordinal).ToList(),
            drafts.Select(d => d.FactType).Distinct().Order(StringComparer.Ordinal).ToList(),
            Purpose: string.Empty, requestId, Outcome: "ok");
        var foreign = entry.FactTypes.Where(t => FactTypeName.Owner(t) != publisher).ToList();
        if (foreign.Count > 0)
        {
            var refusal = new HubPermissionException(
                "FACT_TYPE_NOT_OWNED", $"'{publisher}' may publish only its own fact types; refused: {string.Join(", ", foreign)}");
            await audit.RecordAsync(entry with { Outcome = "permission_denied", Detail = refusal.Reason });
            throw refusal;
        }

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

        if (FactTypeName.Problem(input.FactType) is { } typeProblem)
        {
            violations.Add(new FieldViolation($"{path}.fact_type", typeProblem));
        }

        if (input.AttributesJson is null)
        {
            violations.Add(new FieldViolation($"{path}.attributes", "is required (an object, possibly empty)"));
        }
        else if (input.AttributesJson.Length > _limits.MaxAttributesLength)
        {
            violations.Add(new FieldViolation(
                $"{path}.attributes", $"must be at most {_limits.MaxAttributesLength} characters as JSON"));
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

        var draft = new FactDraft(
            input.Uscc, input.FactType, input.AttributesJson ?? "{}", input.EffectiveTime ?? default, input.SourceRecordId);
        return (draft, warnings);
    }
}
