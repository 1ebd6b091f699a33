using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using EnterpriseHub.Server.Tests.Operations;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>A signal on an enterprise's credit: the court lists it as a dishonest debtor, and the credit projection has applied it.</summary>
internal static class CreditSignals
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Publishes a dishonest-debtor fact for <paramref name="uscc"/> and waits (on the projection's position metric) until it is rated; returns its sequence.</summary>
    public static async Task<long> ListDebtorAsync(WebFixture web, string uscc, string record)
    {
        var draft = new FactDraft
        {
            Uscc = uscc, FactType = "court.dishonest_debtor", SourceRecordId = record,
            EffectiveTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
            Attributes = new Struct
            {
                Fields =
                {
                    ["case_number"] = Value.ForString("(2026)粤0402执77号"), ["court"] = Value.ForString("珠海横琴粤澳深度合作区人民法院"),
                    ["amount"] = Value.ForNumber(120000),
                },
            },
        };
        var reply = await web.Hub.Client("court").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } });
        var sequence = reply.Results.Max(r => r.Sequence);
        await ProjectionWait.CreditAppliedAsync(web.Hub.Services, sequence, Patience);
        return sequence;
    }

}
