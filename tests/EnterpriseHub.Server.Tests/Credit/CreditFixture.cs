extern alias server;

using EnterpriseHub.Client;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using EnterpriseHub.Server.Tests.Operations;

namespace EnterpriseHub.Server.Tests.Credit;

/// <summary>
/// A hub of its own without demo data, on a clock the tests move (signal windows pass when a test
/// says so), with helpers to publish signals and to wait for the credit projection.
/// </summary>
public sealed class CreditFixture() : HubFixture(new HubSetup { Clock = HubSetup.NewClock() })
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public CreditProjection Projection => Services.GetRequiredService<CreditProjection>();

    public ICreditStore Store => Services.GetRequiredService<ICreditStore>();

    /// <summary>Publishes facts as their owner and waits until the credit projection has applied them.</summary>
    public async Task<long> PublishAsync(string department, params FactDraft[] drafts)
    {
        var reply = await Client(department).Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { drafts } });
        var last = reply.Results.Max(r => r.Sequence);
        await AppliedAsync(last);
        return last;
    }

    /// <summary>Waits (on the projection's position metric, with a timeout) until it has applied the log up to <paramref name="sequence"/>.</summary>
    public Task AppliedAsync(long sequence) => ProjectionWait.CreditAppliedAsync(Services, sequence, Patience);

    public Task<GetCreditProfileResponse> ProfileAsync(string uscc, string department = "amr") =>
        Client(department).Credit.GetCreditProfileAsync(Read(uscc)).ResponseAsync;

    public static GetCreditProfileRequest Read(string uscc, string actingFor = "") =>
        new() { Uscc = uscc, Purpose = "credit supervision 2026-17", OfficerId = "officer-7", ActingFor = actingFor };

    /// <summary>A watch of every alert after <paramref name="after"/>.</summary>
    public AsyncServerStreamingCall<WatchRiskAlertsResponse> Watch(long after, CancellationToken cancellationToken) =>
        Client("amr").Credit.WatchRiskAlerts(
            new WatchRiskAlertsRequest { AfterSequence = after, Purpose = "credit supervision", OfficerId = "officer-7", HeartbeatSeconds = 300 },
            cancellationToken: cancellationToken);

    public static FactDraft Debtor(string uscc, string record, DateTimeOffset effective, bool lifted = false)
    {
        var draft = TestData.Draft(
            uscc, "court.dishonest_debtor", record, ("case_number", Value.ForString("(2026)粤0115执1234号")),
            ("court", Value.ForString("广州市南沙区人民法院")), ("amount", Value.ForNumber(250000)));
        draft.EffectiveTime = Timestamp.FromDateTimeOffset(effective);
        if (lifted)
        {
            draft.Attributes.Fields["status"] = Value.ForString("lifted");
        }

        return draft;
    }

    public static FactDraft Penalty(string uscc, string decision, decimal amount, DateTimeOffset effective)
    {
        var draft = TestData.Draft(
            uscc, "amr.administrative_penalty", $"pen-{uscc}-{decision}-{amount}-{effective.UtcTicks}", ("decision_number", Value.ForString(decision)),
            ("amount", Value.ForNumber((double)amount)), ("decided", Value.ForString(effective.ToString("yyyy-MM-dd"))),
            ("reason", Value.ForString("unlicensed operation")));
        draft.EffectiveTime = Timestamp.FromDateTimeOffset(effective);
        return draft;
    }
}
