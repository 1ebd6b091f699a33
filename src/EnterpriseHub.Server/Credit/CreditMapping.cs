using EnterpriseHub.Core.Credit;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using CreditLevel = EnterpriseHub.Core.Credit.CreditLevel;
using CreditProfile = EnterpriseHub.Core.Credit.CreditProfile;
using CreditSignal = EnterpriseHub.Core.Credit.CreditSignal;
using ObjectionState = EnterpriseHub.Core.Credit.ObjectionState;
using Severity = EnterpriseHub.Core.Credit.Severity;

namespace EnterpriseHub.Server.Credit;

/// <summary>Credit domain types to and from their proto messages.</summary>
internal static class CreditMapping
{
    public static V1.CreditProfile ToProto(CreditView view) => new()
    {
        Uscc = view.Profile.Uscc,
        Level = ToProto(view.Profile.Level),
        Score = (double)view.Profile.Score,
        Signals = { view.Profile.Signals.Select(ToProto) },
        RulesVersion = view.Profile.RulesVersion,
        Objections = { view.Objections.Select(ToProto) },
    };

    public static RiskEnterprise ToProto(RiskEntry entry) => new()
    {
        Uscc = entry.Profile.Uscc,
        Name = entry.Name,
        Level = ToProto(entry.Profile.Level),
        Score = (double)entry.Profile.Score,
    };

    public static RiskAlert ToProto(CreditAlert alert) => new()
    {
        Sequence = alert.Sequence,
        Uscc = alert.Uscc,
        Before = ToProto(alert.Before),
        After = ToProto(alert.After),
        Reason = alert.Reason,
        Time = Timestamp.FromDateTimeOffset(alert.Time),
        FactSequence = alert.FactSequence ?? 0,
    };

    public static Objection ToProto(CreditObjection objection)
    {
        var proto = new Objection
        {
            ObjectionId = objection.Id,
            Rule = objection.Rule,
            Reason = objection.Reason,
            State = objection.State switch
            {
                ObjectionState.Confirmed => V1.ObjectionState.Confirmed,
                ObjectionState.Corrected => V1.ObjectionState.Corrected,
                _ => V1.ObjectionState.Pending,
            },
            FiledAt = Timestamp.FromDateTimeOffset(objection.FiledAt),
            AnswerNote = objection.AnswerNote,
            AnsweredAt = objection.AnsweredAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
        proto.Fact = objection.Fact is { } fact ? ToProto(fact) : new FactReference { Sequence = objection.FactSequence };
        return proto;
    }

    public static V1.CreditLevel ToProto(CreditLevel level) => level switch
    {
        CreditLevel.A => V1.CreditLevel.A,
        CreditLevel.B => V1.CreditLevel.B,
        CreditLevel.C => V1.CreditLevel.C,
        _ => V1.CreditLevel.D,
    };

    /// <summary>The domain level, or null when unspecified (or unknown to this hub).</summary>
    public static CreditLevel? ToDomain(V1.CreditLevel level) => level switch
    {
        V1.CreditLevel.A => CreditLevel.A,
        V1.CreditLevel.B => CreditLevel.B,
        V1.CreditLevel.C => CreditLevel.C,
        V1.CreditLevel.D => CreditLevel.D,
        _ => null,
    };

    public static ObjectionState? ToDomain(ObjectionDecision decision) => decision switch
    {
        ObjectionDecision.Confirmed => ObjectionState.Confirmed,
        ObjectionDecision.Corrected => ObjectionState.Corrected,
        _ => null,
    };

    private static V1.CreditSignal ToProto(CreditSignal signal) => new()
    {
        Rule = signal.Rule,
        Severity = signal.Severity switch
        {
            Severity.Low => V1.Severity.Low,
            Severity.Medium => V1.Severity.Medium,
            Severity.High => V1.Severity.High,
            _ => V1.Severity.Severe,
        },
        Weight = (double)signal.Weight,
        Reason = signal.Reason,
        Fact = ToProto(signal.Fact),
        EndsAt = signal.EndsAt is { } end ? Timestamp.FromDateTimeOffset(end) : null,
    };

    private static FactReference ToProto(FactRef fact) => new()
    {
        FactType = fact.FactType,
        Publisher = fact.Publisher,
        SourceRecordId = fact.SourceRecordId,
        Sequence = fact.Sequence,
        EffectiveTime = Timestamp.FromDateTimeOffset(fact.EffectiveTime),
        PublishTime = Timestamp.FromDateTimeOffset(fact.PublishTime),
    };
}
