using System.Text.Json;
using System.Text.RegularExpressions;
using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Lookup;

namespace EnterpriseHub.Core.Forms;

/// <summary>A form field with its current value and where that value comes from.</summary>
/// <param name="ValueJson">The value as JSON; null when there is none or it is withheld.</param>
/// <param name="Withheld">The caller may not read the fact the value would come from.</param>
public sealed record PrefilledField(FormField Field, string? ValueJson, Fact? Source, SharingClass? Sharing, bool Withheld);

/// <summary>A submission as the enterprise's page lists it: what, when, by whom, and where it went.</summary>
public sealed record SubmissionSummary(FormSubmission Submission, IReadOnlyList<SubmissionTarget> Targets);

/// <summary>One target of a submission: the declared fact stored for a department, and whether it picked it up.</summary>
/// <param name="PickedUp">A subscription of the owning department that carried the fact has acknowledged it.</param>
public sealed record SubmissionTarget(string FactType, string Department, long Sequence, bool PickedUp);

/// <summary>
/// Forms: prefill from shared facts (only what the caller may read, with provenance), and
/// "fill in once": a submission from the portal becomes one declared fact per target department,
/// stored together, idempotent on the submission id.
/// </summary>
public sealed partial class FormsService(
    FactTypeCatalog catalog, EnterpriseReader reader, FactPublisher publisher, IFactStore store, ISubscriptionStore subscriptions,
    ISubmissionStore submissions, UsccParser usccParser, ZoneDirectory zones)
{
    private const string PageKind = "submissions";

    public async Task<(FormTemplate Form, IReadOnlyList<PrefilledField> Fields)> PrefillAsync(
        ReadContext context, string uscc, string formName, CancellationToken cancellationToken)
    {
        var form = Form(formName);
        var sources = form.Fields.Where(f => f.Prefill.Length > 0).Select(f => f.PrefillType).Distinct().ToList();
        var view = await reader.GetAsync(context, uscc, sources, asOf: null, cancellationToken);
        var fields = form.Fields.Select(field =>
        {
            if (field.Prefill.Length == 0)
            {
                return new PrefilledField(field, null, null, null, Withheld: false);
            }

            var sharing = catalog.Find(field.PrefillType)?.Sharing;
            if (view.WithheldFactTypes.Contains(field.PrefillType))
            {
                return new PrefilledField(field, null, null, sharing, Withheld: true);
            }

            var fact = view.Facts.FirstOrDefault(f => f.FactType == field.PrefillType);
            return new PrefilledField(field, fact is null ? null : Attribute(fact.AttributesJson, field.PrefillAttribute), fact, sharing, Withheld: false);
        }).ToList();
        return (form, fields);
    }

    /// <param name="officerId">The person at the enterprise who submits; required, into the audit record and the submission.</param>
    public async Task<IReadOnlyList<SubmissionTarget>> SubmitAsync(
        string caller, string requestId, string uscc, string formName, string submissionId, string? answersJson,
        DateTimeOffset? effectiveTime, string officerId, CancellationToken cancellationToken)
    {
        ValidateUscc(uscc);
        var form = Form(formName);
        var violations = new List<FieldViolation>();
        ValidateSubmissionId(submissionId, violations);
        ReadContext.ValidateOfficer(officerId, violations, ReadContext.MissingPerson);
        if (answersJson is null)
        {
            violations.Add(new FieldViolation("answers", "is required"));
        }

        if (effectiveTime is null)
        {
            violations.Add(new FieldViolation("effective_time", "is required: when the declared change takes effect"));
        }

        HubValidationException.ThrowIfAny(violations);
        var inputs = form.Targets
            .Select(target => new FactInput(uscc, target, answersJson, effectiveTime, RecordId(submissionId, target)))
            .ToList();
        IReadOnlyList<PublishOutcome> outcomes;
        try
        {
            var submission = new SubmissionDraft(caller, submissionId, uscc, form.Name, officerId, effectiveTime!.Value);
            outcomes = await publisher.PublishAsync(
                caller, requestId, inputs, cancellationToken,
                new Declaration(officerId, $"form:{form.Name}", $"submission {submissionId}", submission));
        }
        catch (HubValidationException invalid)
        {
            // Every target checks the same answers: report each problem once, against the answers.
            throw new HubValidationException(invalid.Violations
                .Select(v => v with { Field = AnswerField(v.Field) })
                .DistinctBy(v => v.Field)
                .ToList());
        }

        return form.Targets.Select((t, i) => new SubmissionTarget(t, FactTypeName.Owner(t), outcomes[i].Sequence, PickedUp: false)).ToList();
    }

    /// <summary>The enterprise's submissions, newest first, with which departments have picked each up.</summary>
    public async Task<Page<SubmissionSummary>> ListSubmissionsAsync(
        string uscc, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        if (!usccParser.TryParse(uscc, out var code, out var problem))
        {
            violations.Add(new FieldViolation("uscc", problem));
        }

        var size = Paging.Size(pageSize, violations);
        var before = PageToken.DecodeSequence(PageKind, pageToken, violations);

        HubValidationException.ThrowIfAny(violations);
        var found = await submissions.ListSubmissionsAsync(code.Value, before, size + 1, cancellationToken);
        var page = found.Take(size).ToList();
        var byDepartment = new Dictionary<string, IReadOnlyList<SubscriptionRecord>>(StringComparer.Ordinal);
        var summaries = new List<SubmissionSummary>(page.Count);
        foreach (var submission in page)
        {
            var targets = new List<SubmissionTarget>(submission.Targets.Count);
            foreach (var target in submission.Targets)
            {
                var department = FactTypeName.Owner(target.FactType);
                if (!byDepartment.TryGetValue(department, out var subscribed))
                {
                    byDepartment[department] = subscribed = await subscriptions.ListSubscriptionsAsync(department, cancellationToken);
                }

                var fact = new Fact(
                    submission.Uscc, target.FactType, "{}", submission.EffectiveTime, submission.Caller,
                    RecordId(submission.SubmissionId, target.FactType), submission.SubmittedAt, target.Sequence);
                targets.Add(new SubmissionTarget(
                    target.FactType, department, target.Sequence, subscribed.Any(x => x.AckedPosition >= target.Sequence && FeedFilter.Carries(x, fact, zones))));
            }

            summaries.Add(new SubmissionSummary(submission, targets));
        }

        var next = found.Count > size
            ? PageToken.EncodeSequence(PageKind, page[^1].Sequence)
            : string.Empty;
        return new Page<SubmissionSummary>(summaries, next);
    }

    public async Task<IReadOnlyList<SubmissionTarget>> GetSubmissionAsync(
        string caller, string uscc, string formName, string submissionId, CancellationToken cancellationToken)
    {
        ValidateUscc(uscc);
        var form = Form(formName);
        var targets = new List<SubmissionTarget>();
        foreach (var target in form.Targets)
        {
            var fact = await store.FindFactAsync(caller, RecordId(submissionId, target), cancellationToken);
            if (fact is null || fact.Uscc != uscc)
            {
                throw new HubNotFoundException("SUBMISSION_NOT_FOUND", $"no submission '{submissionId}' of {formName} for {uscc}");
            }

            var department = FactTypeName.Owner(target);
            // Picked up: a subscription of the owner that carried the fact has acknowledged it; one
            // filtered to other enterprises, zones or types, or started after it, never saw it.
            var pickedUp = (await subscriptions.ListSubscriptionsAsync(department, cancellationToken))
                .Any(s => s.AckedPosition >= fact.Sequence && FeedFilter.Carries(s, fact, zones));
            targets.Add(new SubmissionTarget(target, department, fact.Sequence, pickedUp));
        }

        return targets;
    }

    private FormTemplate Form(string name) =>
        catalog.FindForm(name) ?? throw new HubNotFoundException("FORM_NOT_FOUND", $"there is no form '{name}'");

    /// <summary>The access table admits only the portal acting for the enterprise; the code itself must be sound.</summary>
    private void ValidateUscc(string uscc)
    {
        if (!usccParser.TryParse(uscc, out _, out var problem))
        {
            throw new HubValidationException("uscc", problem);
        }
    }

    private static string RecordId(string submissionId, string target) => $"form:{submissionId}:{target}";

    private static string AnswerField(string field) =>
        field.IndexOf(".attributes", StringComparison.Ordinal) is var at and >= 0 ? "answers" + field[(at + ".attributes".Length)..]
        : field.EndsWith(".effective_time", StringComparison.Ordinal) ? "effective_time"
        : field.EndsWith(".source_record_id", StringComparison.Ordinal) ? "submission_id"
        : field;

    private static string? Attribute(string attributesJson, string name)
    {
        using var document = JsonDocument.Parse(attributesJson);
        return document.RootElement.TryGetProperty(name, out var value) ? value.GetRawText() : null;
    }

    private static void ValidateSubmissionId(string submissionId, List<FieldViolation> violations)
    {
        if (!SubmissionId().IsMatch(submissionId))
        {
            violations.Add(new FieldViolation("submission_id", "must be 1 to 64 letters, digits, '-' or '_'"));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SubmissionId();
}
