using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using EnterpriseHub.Server.Tests.Operations;

namespace EnterpriseHub.Server.Tests.Credit;

/// <summary>The start-up rebuild of a new store evaluates the log as it stood when the rebuild began.</summary>
public sealed class CreditRebuildTests(CreditRebuildTests.Fixture hub) : IClassFixture<CreditRebuildTests.Fixture>
{
    [Fact]
    public async Task Rebuild_FactAppendedAfterItReadTheHead_IsAlertedAsTheFactsOwnChange()
    {
        var appended = await hub.Late.Appended.Task.WaitAsync(CreditFixture.Patience);
        await hub.AppliedAsync(appended);

        var alerts = await hub.Services.GetRequiredService<ICreditStore>().ReadCreditAlertsAsync(0, 100, CancellationToken.None);

        var alert = Assert.Single(alerts, a => a.Uscc == hub.Late.Uscc);
        Assert.Equal(appended, alert.FactSequence);
        Assert.Equal(CreditLevel.D, alert.After);
        Assert.DoesNotContain("took effect", alert.Reason, StringComparison.Ordinal);
    }

    /// <summary>A hub whose credit projection, right after its rebuild read the head, sees a court listing appended.</summary>
    public sealed class Fixture() : HubFixture(new HubSetup())
    {
        public LateFact Late { get; } = new(TestData.NewUscc());

        public Task AppliedAsync(long sequence) =>
            ProjectionWait.CreditAppliedAsync(Services, sequence, CreditFixture.Patience);

        protected override void Configure(WebApplicationBuilder builder) =>
            builder.Services.AddSingleton(provider => ActivatorUtilities.CreateInstance<CreditProjection>(
                provider, new HeadThenAppend(
                    provider.GetRequiredService<ISubscriptionStore>(), provider.GetRequiredService<IFactStore>(), provider.GetRequiredService<FeedSignal>(), Late)));
    }

    /// <summary>The enterprise listed late, and the sequence its listing got.</summary>
    public sealed record LateFact(string Uscc)
    {
        public TaskCompletionSource<long> Appended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The projection's view of the log: the first time it reads the head, a fact is appended just after.</summary>
    private sealed class HeadThenAppend(ISubscriptionStore inner, IFactStore facts, FeedSignal feed, LateFact late) : ISubscriptionStore
    {
        public async Task<long> HeadSequenceAsync(CancellationToken cancellationToken)
        {
            var head = await inner.HeadSequenceAsync(cancellationToken);
            if (!late.Appended.Task.IsCompleted)
            {
                var now = DateTimeOffset.UtcNow;
                var draft = new FactDraft(
                    late.Uscc, "court.dishonest_debtor", """{"amount":250000,"case_number":"(2026)粤0115执7号","court":"广州市南沙区人民法院"}""",
                    now.AddDays(-1), "late-" + late.Uscc);
                var stored = await facts.AppendAsync(
                    "court", [draft], now, new AuditEntry(now, "court", "", AuditActions.Publish, [late.Uscc], [draft.FactType], "test", "late", "ok"),
                    cancellationToken);
                // As the publisher does after every append.
                feed.Notify();
                late.Appended.TrySetResult(stored[0].Sequence);
            }

            return head;
        }

        public Task<SubscriptionRecord> AddSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken) =>
            inner.AddSubscriptionAsync(subscription, cancellationToken);

        public Task<SubscriptionRecord?> FindSubscriptionAsync(string owner, string name, CancellationToken cancellationToken) =>
            inner.FindSubscriptionAsync(owner, name, cancellationToken);

        public Task<SubscriptionRecord?> AckSubscriptionAsync(string owner, string name, long position, CancellationToken cancellationToken) =>
            inner.AckSubscriptionAsync(owner, name, position, cancellationToken);

        public Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(string owner, CancellationToken cancellationToken) =>
            inner.ListSubscriptionsAsync(owner, cancellationToken);
    }
}
