using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    protected ISubscriptionStore SubscriptionStore => (ISubscriptionStore)Adapter;

    protected static SubscriptionRecord Subscription(string owner, string name, long acked = 0, string zone = "", long start = 0) =>
        new(owner, name, [TaxGrade, Licence], [Nansha], zone, "monitoring", "officer-1", acked, T0, start);

    [Fact]
    public async Task AddSubscriptionAsync_NameTaken_ReturnsTheStoredOneUnchanged()
    {
        var added = await SubscriptionStore.AddSubscriptionAsync(Subscription("tax", "risk"), CancellationToken.None);
        var again = await SubscriptionStore.AddSubscriptionAsync(Subscription("tax", "risk", acked: 9, zone: "nansha"), CancellationToken.None);

        Assert.True(added.SameFilter(Subscription("tax", "risk")));
        Assert.Equal((0L, ""), (again.AckedPosition, again.Zone));
        Assert.True(again.SameFilter(added));
        Assert.Equal(T0, again.CreatedAt);
        var found = await SubscriptionStore.FindSubscriptionAsync("tax", "risk", CancellationToken.None);
        Assert.True(found!.SameFilter(added));
        Assert.Null(await SubscriptionStore.FindSubscriptionAsync("amr", "risk", CancellationToken.None));
    }

    [Fact]
    public async Task AddSubscriptionAsync_StartPosition_StoredAndKeptWhenCreatedAgainFromElsewhere()
    {
        var added = await SubscriptionStore.AddSubscriptionAsync(Subscription("tax", "risk", acked: 40, start: 40), CancellationToken.None);
        await SubscriptionStore.AckSubscriptionAsync("tax", "risk", 55, CancellationToken.None);
        var again = await SubscriptionStore.AddSubscriptionAsync(Subscription("tax", "risk", acked: 70, start: 70), CancellationToken.None);

        Assert.Equal(40, added.StartAfterSequence);
        Assert.Equal((40L, 55L), (again.StartAfterSequence, again.AckedPosition));
        Assert.True(again.SameFilter(Subscription("tax", "risk", start: 70)));
        var found = await SubscriptionStore.FindSubscriptionAsync("tax", "risk", CancellationToken.None);
        Assert.Equal(40, found!.StartAfterSequence);
        await ReopenAsync();
        Assert.Equal([40L], (await SubscriptionStore.ListSubscriptionsAsync("tax", CancellationToken.None)).Select(s => s.StartAfterSequence));
    }

    [Fact]
    public async Task AckSubscriptionAsync_MovesForwardNeverBack()
    {
        await SubscriptionStore.AddSubscriptionAsync(Subscription("tax", "risk"), CancellationToken.None);

        Assert.Equal(12, (await SubscriptionStore.AckSubscriptionAsync("tax", "risk", 12, CancellationToken.None))!.AckedPosition);
        Assert.Equal(12, (await SubscriptionStore.AckSubscriptionAsync("tax", "risk", 5, CancellationToken.None))!.AckedPosition);
        Assert.Equal(12, (await SubscriptionStore.FindSubscriptionAsync("tax", "risk", CancellationToken.None))!.AckedPosition);
        Assert.Null(await SubscriptionStore.AckSubscriptionAsync("tax", "missing", 5, CancellationToken.None));
    }

    [Fact]
    public async Task ListSubscriptionsAsync_TheOwnersOnly_ByName()
    {
        await SubscriptionStore.AddSubscriptionAsync(Subscription("tax", "zeta"), CancellationToken.None);
        await SubscriptionStore.AddSubscriptionAsync(Subscription("amr", "alpha"), CancellationToken.None);
        await SubscriptionStore.AddSubscriptionAsync(Subscription("tax", "Beta"), CancellationToken.None);
        await SubscriptionStore.AddSubscriptionAsync(Subscription("tax", "alpha"), CancellationToken.None);

        var listed = await SubscriptionStore.ListSubscriptionsAsync("tax", CancellationToken.None);

        Assert.Equal(["Beta", "alpha", "zeta"], listed.Select(s => s.Name));
        Assert.Empty(await SubscriptionStore.ListSubscriptionsAsync("court", CancellationToken.None));
    }

    [Fact]
    public async Task HeadSequenceAsync_ZeroWhenEmpty_ThenTheLastSequence()
    {
        Assert.Equal(0, await SubscriptionStore.HeadSequenceAsync(CancellationToken.None));

        await SeedDirectoryAsync();
        var last = await AppendAsync("tax", Draft(Zhuhai, TaxGrade, "{}", T0, "t-last"));

        Assert.Equal(last[0].Sequence, await SubscriptionStore.HeadSequenceAsync(CancellationToken.None));
    }
}
