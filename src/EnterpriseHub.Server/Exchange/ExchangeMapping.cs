using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.V1;
using V1 = EnterpriseHub.V1;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using CoreFact = EnterpriseHub.Core.Facts.Fact;
using ProtoFact = EnterpriseHub.V1.Fact;

namespace EnterpriseHub.Server.Exchange;

/// <summary>Proto ↔ domain mapping for facts, shared by the exchange and the directory.</summary>
internal static class ExchangeMapping
{
    public static IReadOnlyList<FactInput> ToInputs(RepeatedField<V1.FactDraft> drafts)
    {
        var inputs = new FactInput[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            try
            {
                inputs[i] = new FactInput(
                    draft.Uscc,
                    draft.FactType,
                    draft.Attributes is null ? null : StructJson.ToCanonicalJson(draft.Attributes, "attributes"),
                    ToTime(draft.EffectiveTime, "effective_time"),
                    draft.SourceRecordId);
            }
            catch (HubValidationException refused)
            {
                // The draft's place is named only when it is refused: a batch of a thousand good drafts builds no field names.
                throw new HubValidationException([.. refused.Violations.Select(v => v with { Field = $"facts[{i}].{v.Field}" })]);
            }
        }

        return inputs;
    }

    public static DateTimeOffset? ToTime(Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            return null;
        }

        // Timestamp allows years 1 to 9999 and nanos below one second; ToDateTimeOffset throws otherwise.
        if (timestamp.Seconds is < -62135596800L or > 253402300799L || timestamp.Nanos is < 0 or > 999_999_999)
        {
            throw new HubValidationException(field, "must be a valid timestamp between the years 1 and 9999");
        }

        return timestamp.ToDateTimeOffset();
    }

    public static PublishResult ToResult(PublishOutcome outcome)
    {
        var result = new PublishResult
        {
            SourceRecordId = outcome.SourceRecordId,
            Sequence = outcome.Sequence,
            PublishTime = Timestamp.FromDateTimeOffset(outcome.PublishTime),
            Duplicate = outcome.Duplicate,
        };
        result.Warnings.AddRange(outcome.Warnings);
        return result;
    }

    public static ProtoFact ToProto(CoreFact fact) => new()
    {
        Uscc = fact.Uscc,
        FactType = fact.FactType,
        Attributes = StructJson.FromJson(fact.AttributesJson),
        EffectiveTime = Timestamp.FromDateTimeOffset(fact.EffectiveTime),
        Publisher = fact.Publisher,
        SourceRecordId = fact.SourceRecordId,
        PublishTime = Timestamp.FromDateTimeOffset(fact.PublishTime),
        Sequence = fact.Sequence,
    };
}
