using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Operations;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Core.Facts;

/// <summary>
/// Validates a batch of facts from one department and appends it, all or nothing: every
/// malformed field is reported at once, and nothing is stored unless everything is acceptable.
/// </summary>
public sealed class FactPublisher(
    IFactStore store, AuditTrail audit, FactTypeCatalog catalog, Feed.FeedSignal feed, UsccParser usccParser,
    IOptions<PublishOptions> options, TimeProvider time, HubMetrics? metrics = null)
{
    private readonly PublishOptions _limits = options.Value;
    private readonly HubMetrics _metrics = metrics ?? HubMetrics.None;

    /// <summary>
    /// Publishes a batch as <paramref name="publisher"/>. Who may publish which types is the
    /// access table's decision (a department its own types); the Forms and objection flows publish
    /// what an enterprise declared through the portal into the types of the departments that need
    /// it, with the portal as the publisher on record.
    /// </summary>
    /// <param name="declared">Set when the enterprise declared the facts through the portal: the audit
    /// record is then a <see cref="AuditActions.Declare"/> naming the person, in the enterprise's access log.</param>
    public async Task<IReadOnlyList<PublishOutcome>> PublishAsync(
        string publisher, string requestId, IReadOnlyList<FactInput> inputs, CancellationToken cancellationToken,
        Declaration? declared = null) =>
        await AppendAsync(await ValidateAsync(publisher, requestId, inputs, cancellationToken, declared), cancellationToken);

    /// <summary>
    /// The first half of <see cref="PublishAsync"/>: checks the whole batch, reporting every
    /// malformed field at once, and stores nothing. A stream of chunks validates the next chunk
    /// while the one before it is appended.
    /// </summary>
    public async Task<ValidBatch> ValidateAsync(
        string publisher, string requestId, IReadOnlyList<FactInput> inputs, CancellationToken cancellationToken,
        Declaration? declared = null)
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

        var now = time.GetUtcNow();
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
            now, publisher, declared?.OfficerId ?? string.Empty, declared is null ? AuditActions.Publish : AuditActions.Declare,
            drafts.Select(d => d.Uscc).Distinct().Order(StringComparer.Ordinal).ToList(),
            drafts.Select(d => d.FactType).Distinct().Order(StringComparer.Ordinal).ToList(),
            declared?.Purpose ?? string.Empty, requestId, Outcome: "ok", declared?.Detail ?? string.Empty);
        return new ValidBatch(drafts, warnings, entry, declared?.Submission);
    }

    /// <summary>The second half of <see cref="PublishAsync"/>: appends a validated batch with its audit record, all or nothing.</summary>
    public async Task<IReadOnlyList<PublishOutcome>> AppendAsync(ValidBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var span = HubTracing.Source.StartActivity("publish facts");
        span?.SetTag("hub.facts", batch.Drafts.Length);
        var (drafts, entry) = (batch.Drafts, batch.Entry);
        IReadOnlyList<AppendedFact> appended;
        try
        {
            appended = await store.AppendAsync(batch.Publisher, drafts, entry.Time, entry, cancellationToken, batch.Submission);
        }
        catch (HubConflictException conflict)
        {
            await audit.RecordAsync(entry with { Outcome = "failed_precondition", Detail = conflict.Reason });
            throw;
        }

        if (appended.Any(a => !a.Duplicate))
        {
            feed.Notify();
            CountPublished(drafts, appended);
        }

        var outcomes = new PublishOutcome[drafts.Length];
        for (var i = 0; i < drafts.Length; i++)
        {
            outcomes[i] = new PublishOutcome(
                drafts[i].SourceRecordId, appended[i].Sequence, appended[i].PublishTime, appended[i].Duplicate, batch.Warnings[i]);
        }

        return outcomes;
    }

    private void CountPublished(FactDraft[] drafts, IReadOnlyList<AppendedFact> appended)
    {
        if (!_metrics.FactsPublished.Enabled)
        {
            return;
        }

        foreach (var type in drafts.Where((_, i) => !appended[i].Duplicate).GroupBy(d => d.FactType, StringComparer.Ordinal))
        {
            _metrics.FactsPublished.Add(type.Count(), new KeyValuePair<string, object?>("fact_type", type.Key));
        }
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

/// <summary>A batch <see cref="FactPublisher.ValidateAsync"/> accepted, ready to append: its drafts, each draft's warnings and its audit record.</summary>
public sealed record ValidBatch(FactDraft[] Drafts, IReadOnlyList<string>[] Warnings, AuditEntry Entry, Forms.SubmissionDraft? Submission)
{
    /// <summary>The publisher on record: the caller of the audit record.</summary>
    public string Publisher => Entry.Caller;
}
