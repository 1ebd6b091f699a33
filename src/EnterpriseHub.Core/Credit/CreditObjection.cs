using System.Text.Json;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Credit;

/// <summary>What became of an objection.</summary>
public enum ObjectionState
{
    Pending,
    Confirmed,
    Corrected,
}

/// <summary>An enterprise's objection to a signal, as the facts that carry it and its answer say.</summary>
public sealed record CreditObjection(
    string Id, string Rule, FactRef? Fact, long FactSequence, string Reason, ObjectionState State, DateTimeOffset FiledAt,
    string AnswerNote, DateTimeOffset? AnsweredAt);

/// <summary>
/// Objections travel as facts: the portal files one as a declared fact of the owning department's
/// <c>&lt;department&gt;.credit_objection</c> type (so it reaches the department's subscriptions),
/// and the department answers with a fact of its <c>&lt;department&gt;.credit_objection_answer</c>
/// type. Both are in the log, so objections need no table of their own.
/// </summary>
public static class ObjectionFacts
{
    public const string ObjectionSuffix = ".credit_objection";
    public const string AnswerSuffix = ".credit_objection_answer";

    public static string ObjectionType(string department) => department + ObjectionSuffix;

    public static string AnswerType(string department) => department + AnswerSuffix;

    /// <summary>The portal's record id of an objection: ids are the enterprise's own, so the code is part of it.</summary>
    public static string ObjectionRecord(string uscc, string id) => $"objection:{uscc}:{id}";

    public static string AnswerRecord(string uscc, string id) => $"answer:{uscc}:{id}";

    /// <summary>The objections among an enterprise's facts with their answers, newest first.</summary>
    /// <param name="signalFacts">The enterprise's facts of the rules' types, to name the disputed fact.</param>
    public static IReadOnlyList<CreditObjection> Read(IReadOnlyList<Fact> objectionFacts, IReadOnlyList<Fact> signalFacts)
    {
        var answers = objectionFacts
            .Where(f => f.FactType.EndsWith(AnswerSuffix, StringComparison.Ordinal))
            .Select(f => (Fact: f, Body: JsonDocument.Parse(f.AttributesJson).RootElement))
            .ToDictionary(a => a.Body.GetProperty("objection").GetString()!, StringComparer.Ordinal);
        var bySequence = signalFacts.ToDictionary(f => f.Sequence);
        var objections = new List<CreditObjection>();
        foreach (var fact in objectionFacts.Where(f => f.FactType.EndsWith(ObjectionSuffix, StringComparison.Ordinal)))
        {
            var body = JsonDocument.Parse(fact.AttributesJson).RootElement;
            var id = fact.SourceRecordId[(fact.SourceRecordId.LastIndexOf(':') + 1)..];
            var sequence = body.GetProperty("fact_sequence").GetInt64();
            var disputed = bySequence.GetValueOrDefault(sequence);
            var answer = answers.GetValueOrDefault(id);
            var state = answer.Fact is null
                ? ObjectionState.Pending
                : answer.Body.GetProperty("decision").GetString() == "corrected" ? ObjectionState.Corrected : ObjectionState.Confirmed;
            objections.Add(new CreditObjection(
                id, body.GetProperty("rule").GetString()!, disputed is null ? null : Ref(disputed), sequence,
                body.GetProperty("reason").GetString()!, state, fact.PublishTime,
                answer.Fact is null ? string.Empty : answer.Body.GetProperty("note").GetString()!, answer.Fact?.PublishTime));
        }

        return [.. objections.OrderByDescending(o => o.FiledAt).ThenBy(o => o.Id, StringComparer.Ordinal)];
    }

    public static FactRef Ref(Fact fact) =>
        new(fact.FactType, fact.Publisher, fact.SourceRecordId, fact.Sequence, fact.EffectiveTime, fact.PublishTime);
}
