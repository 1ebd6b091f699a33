using EnterpriseHub.Core.Proactive;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseHub.Server.Tests.Proactive;

/// <summary>
/// A hub of its own without demo data, on a clock the tests move (reminders fall due when a test
/// says so), with helpers to publish enterprises and to wait for the notice matcher.
/// </summary>
public sealed class ProactiveFixture() : OwnHubFixture(demo: false)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public NoticeMatcher Matcher => Services.GetRequiredService<NoticeMatcher>();

    public INoticeStore Store => Services.GetRequiredService<INoticeStore>();

    /// <summary>Waits (on the matcher's own event, with a timeout) until its state satisfies <paramref name="reached"/>.</summary>
    public async Task MatchedAsync(Func<NoticeState, bool> reached)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnAdvanced(NoticeState state)
        {
            if (reached(state))
            {
                done.TrySetResult();
            }
        }

        Matcher.Advanced += OnAdvanced;
        try
        {
            if (Matcher.State is not { } now || !reached(now))
            {
                await done.Task.WaitAsync(Patience);
            }
        }
        finally
        {
            Matcher.Advanced -= OnAdvanced;
        }
    }

    /// <summary>Publishes facts as their owner and waits until the matcher has read them.</summary>
    public async Task PublishAsync(string department, params FactDraft[] drafts)
    {
        var reply = await Client(department).Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { drafts } });
        var last = reply.Results.Max(r => r.Sequence);
        await MatchedAsync(s => s.FactCursor >= last);
    }

    /// <summary>Publishes a policy and waits until the matcher has matched it against every enterprise.</summary>
    public async Task<V1.Policy> PublishPolicyAsync(string department, PublishPolicyRequest request)
    {
        var policy = (await Client(department).Proactive.PublishPolicyAsync(request)).Policy;
        var stored = await Store.FindPolicyAsync(department, policy.PolicyId, CancellationToken.None);
        await MatchedAsync(s => s.PolicyCursor >= stored!.Sequence);
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

    protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton<TimeProvider>(Clock);
}
