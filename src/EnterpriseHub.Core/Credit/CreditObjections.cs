using System.Text.Json;
using System.Text.RegularExpressions;
using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// The duty to verify and correct: an enterprise objects to a signal through the portal, and the
/// department that owns the disputed fact answers — confirming the fact, or reporting it corrected
/// once it has published the superseding fact. Both are published as facts (see
/// <see cref="ObjectionFacts"/>), so the department receives objections on its subscriptions.
/// </summary>
public sealed partial class CreditObjections(
    IFactStore facts, CreditRules rules, FactPublisher publisher, FactTypeCatalog catalog, UsccParser usccParser, TimeProvider time)
{
    private const int MaxText = 2000;

    /// <param name="officerId">The person at the enterprise who files it; required, into the audit record.</param>
    public async Task<CreditObjection> FileAsync(
        string caller, string requestId, string actingFor, string objectionId, string rule, long factSequence, string reason,
        string officerId, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        var uscc = Uscc(actingFor, "acting_for", violations);
        ValidateId(objectionId, violations);
        Require(rule, "rule", 64, violations);
        if (factSequence <= 0)
        {
            violations.Add(new FieldViolation("fact_sequence", "is required: the sequence of the disputed fact"));
        }

        Require(reason, "reason", MaxText, violations);
        Lookup.ReadContext.ValidateOfficer(officerId, violations, Lookup.ReadContext.MissingPerson);
        HubValidationException.ThrowIfAny(violations);

        var record = ObjectionFacts.ObjectionRecord(uscc, objectionId);
        var signalFacts = await facts.LoadFactsAsync([uscc], rules.FactTypes, cancellationToken);
        var disputed = signalFacts.FirstOrDefault(f => f.Sequence == factSequence)
            ?? throw new HubNotFoundException("FACT_NOT_FOUND", $"fact {factSequence} is not a fact about {uscc} that the credit rules read");
        var department = FactTypeName.Owner(disputed.FactType);
        var body = CanonicalJson.Object(
            ("disputed_record", disputed.SourceRecordId), ("fact_sequence", factSequence), ("reason", reason), ("rule", rule));

        if (await facts.FindFactAsync(caller, record, cancellationToken) is not { } filed)
        {
            var now = time.GetUtcNow();
            var profile = CreditEvaluator.Evaluate(rules, uscc, signalFacts, now);
            if (!profile.Signals.Any(s => s.Rule == rule && s.Fact.Sequence == factSequence))
            {
                throw new HubConflictException("SIGNAL_NOT_CURRENT", $"no signal '{rule}' rests on fact {factSequence} now; nothing to object to");
            }

            var type = ObjectionFacts.ObjectionType(department);
            if (catalog.Find(type) is null)
            {
                throw new HubConflictException("NO_OBJECTION_TYPE", $"the catalog has no {type} to carry objections to {department}");
            }

            await publisher.PublishAsync(
                caller, requestId, [new FactInput(uscc, type, body, now, record)], cancellationToken,
                new Declaration(officerId, "credit objection", $"objection {objectionId} to {rule}"));
        }
        else if (!SameJson(filed.AttributesJson, body) || filed.Uscc != uscc)
        {
            throw new HubConflictException("OBJECTION_ID_TAKEN", $"objection '{objectionId}' was filed before with other content");
        }

        return await FindAsync(uscc, department, objectionId, cancellationToken);
    }

    public async Task<CreditObjection> AnswerAsync(
        string caller, string requestId, string uscc, string objectionId, ObjectionState? decision, string note,
        CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        var code = Uscc(uscc, "uscc", violations);
        ValidateId(objectionId, violations);
        if (decision is not (ObjectionState.Confirmed or ObjectionState.Corrected))
        {
            violations.Add(new FieldViolation("decision", "is required: confirmed or corrected"));
        }

        Require(note, "note", MaxText, violations);
        HubValidationException.ThrowIfAny(violations);

        var objection = await FindAsync(code, caller, objectionId, cancellationToken);
        var corrected = decision == ObjectionState.Corrected;
        var body = CanonicalJson.Object(("decision", corrected ? "corrected" : "confirmed"), ("note", note), ("objection", objectionId));
        var record = ObjectionFacts.AnswerRecord(code, objectionId);
        if (await facts.FindFactAsync(caller, record, cancellationToken) is { } answered)
        {
            return SameJson(answered.AttributesJson, body)
                ? objection
                : throw new HubConflictException("OBJECTION_ANSWERED", $"objection '{objectionId}' was answered before, otherwise");
        }

        if (corrected)
        {
            var now = time.GetUtcNow();
            var profile = CreditEvaluator.Evaluate(rules, code, await facts.LoadFactsAsync([code], rules.FactTypes, cancellationToken), now);
            if (profile.Signals.Any(s => s.Fact.Sequence == objection.FactSequence))
            {
                throw new HubConflictException(
                    "FACT_STILL_CURRENT", $"fact {objection.FactSequence} still backs a signal: publish the corrected fact first");
            }
        }

        await publisher.PublishAsync(
            caller, requestId, [new FactInput(code, ObjectionFacts.AnswerType(caller), body, time.GetUtcNow(), record)], cancellationToken);
        return await FindAsync(code, caller, objectionId, cancellationToken);
    }

    /// <summary>An objection to one of <paramref name="department"/>'s facts about the enterprise, with its answer.</summary>
    private async Task<CreditObjection> FindAsync(string uscc, string department, string objectionId, CancellationToken cancellationToken)
    {
        var objectionFacts = await facts.LoadFactsAsync(
            [uscc], [ObjectionFacts.ObjectionType(department), ObjectionFacts.AnswerType(department)], cancellationToken);
        var signalFacts = await facts.LoadFactsAsync([uscc], rules.FactTypes, cancellationToken);
        return ObjectionFacts.Read(objectionFacts, signalFacts).FirstOrDefault(o => o.Id == objectionId)
            ?? throw new HubNotFoundException("OBJECTION_NOT_FOUND", $"{department} has no objection '{objectionId}' about {uscc}");
    }

    private string Uscc(string value, string field, List<FieldViolation> violations)
    {
        if (usccParser.TryParse(value, out var code, out var problem))
        {
            return code.Value;
        }

        violations.Add(new FieldViolation(field, problem));
        return value;
    }

    private static void ValidateId(string id, List<FieldViolation> violations)
    {
        if (!IdPattern().IsMatch(id))
        {
            violations.Add(new FieldViolation("objection_id", "must be 1 to 64 letters, digits, '-' or '_'"));
        }
    }

    private static void Require(string value, string field, int max, List<FieldViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            violations.Add(new FieldViolation(field, "is required"));
        }
        else if (value.Length > max)
        {
            violations.Add(new FieldViolation(field, $"must be at most {max} characters"));
        }
        else if (TextRules.HasControlCharacters(value))
        {
            violations.Add(new FieldViolation(field, TextRules.ControlCharactersProblem));
        }
    }

    private static bool SameJson(string a, string b) =>
        JsonElement.DeepEquals(JsonDocument.Parse(a).RootElement, JsonDocument.Parse(b).RootElement);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
