using EnterpriseHub.Core.Proactive;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using EnterpriseHub.Server.Tests.Operations;

namespace EnterpriseHub.Server.Tests.Proactive;

/// <summary>
/// A hub of its own without demo data, on a clock the tests move (reminders fall due when a test
/// says so), with helpers to publish enterprises and to wait for the notice matcher.
/// </summary>
public sealed class ProactiveFixture() : HubFixture(new HubSetup { Clock = HubSetup.NewClock() })
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public INoticeStore Store => Services.GetRequiredService<INoticeStore>();

    /// <summary>Waits (on the matcher's metrics, with a timeout) until it has swept every enterprise's reminders at <paramref name="time"/> or later.</summary>
    public Task SweptAsync(DateTimeOffset time) => SweptAsync(Services, time);

    /// <summary>Waits until the matcher of <paramref name="hub"/> has matched the fact log up to <paramref name="sequence"/>.</summary>
    public static Task FactsMatchedAsync(IServiceProvider hub, long sequence) => ProjectionWait.ReachedAsync(hub, "notices", sequence, Patience);

    /// <summary>Waits until the matcher of <paramref name="hub"/> has matched the policies up to <paramref name="sequence"/> against every enterprise.</summary>
    public static Task PoliciesMatchedAsync(IServiceProvider hub, long sequence) => ProjectionWait.ReachedAsync(hub, "notices.policies", sequence, Patience);

    private static Task SweptAsync(IServiceProvider hub, DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeMilliseconds() / 1000.0;
        return GaugeWait.UntilAsync(
            hub, "hub.notices.reminders.swept", "hub_notices_reminders_swept_seconds", tag: null, value => value >= seconds, Patience);
    }

    /// <summary>Publishes facts as their owner and waits until the matcher has read them.</summary>
    public async Task PublishAsync(string department, params FactDraft[] drafts)
    {
        var reply = await Client(department).Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { drafts } });
        var last = reply.Results.Max(r => r.Sequence);
        await FactsMatchedAsync(Services, last);
    }

    /// <summary>Publishes a policy and waits until the matcher has matched it against every enterprise.</summary>
    public async Task<V1.Policy> PublishPolicyAsync(string department, PublishPolicyRequest request)
    {
        var policy = (await Client(department).Proactive.PublishPolicyAsync(request)).Policy;
        var stored = await Store.FindPolicyAsync(department, policy.PolicyId, CancellationToken.None);
        await PoliciesMatchedAsync(Services, stored!.Sequence);
        return policy;
    }

    /// <summary>Every notice delivered under <paramref name="key"/>, from the delivery log.</summary>
    public async Task<List<Core.Proactive.Notice>> DeliveredAsync(string key)
    {
        var all = new List<Core.Proactive.Notice>();
        long after = 0;
        while (await Store.ReadNoticesAsync(after, 1000, CancellationToken.None) is { Count: > 0 } page)
        {
            all.AddRange(page.Where(n => n.Key == key));
            after = page[^1].Sequence;
        }

        return all;
    }

    public PublishPolicyRequest Policy(string id, string condition) => PolicyAt(id, condition, Clock.GetUtcNow());

    /// <summary>A policy in force from a day before <paramref name="now"/> for 200 days.</summary>
    public static PublishPolicyRequest PolicyAt(string id, string condition, DateTimeOffset now) => new()
    {
        PolicyId = id,
        Kind = V1.NoticeKind.Notice,
        Title = "2026 small-business employment subsidy",
        Body = "Enterprises below 100 insured employees may apply until 31 December.",
        Condition = condition,
        ValidFrom = Timestamp.FromDateTimeOffset(now.AddDays(-1)),
        ValidUntil = Timestamp.FromDateTimeOffset(now.AddDays(200)),
    };

    public static FactDraft Licence(string uscc, string industry, DateTimeOffset validUntil) =>
        TestData.Draft(
            uscc, "amr.business_license", $"lic-{uscc}-{validUntil:yyyyMMdd}", ("name", Value.ForString("测试企业 " + uscc[^6..])),
            ("industry", Value.ForString(industry)), ("registered_capital", Value.ForNumber(300)), ("established", Value.ForString("2019-04-01")),
            ("valid_until", Value.ForString(validUntil.ToString("yyyy-MM-dd"))), ("status", Value.ForString("存续")));
}
