using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    /// <summary>Delivers Nansha 1, Zhuhai 2, Nansha 3, Nansha 4, Zhuhai 5, Nansha 6, Nansha 7, over two deliveries.</summary>
    private async Task<NoticeState> DeliverSevenAsync()
    {
        var first = await DeliverAsync(InitialNotices, [ToDeliver(Nansha, "n1"), ToDeliver(Zhuhai, "z1"), ToDeliver(Nansha, "n2")]);
        var second = await DeliverAsync(
            first.State, [ToDeliver(Nansha, "n3"), ToDeliver(Zhuhai, "z2"), ToDeliver(Nansha, "n4"), ToDeliver(Nansha, "n5")]);
        return second.State;
    }

    private async Task<IEnumerable<long>> ListAsync(string uscc, long? before, int limit) =>
        (await NoticeStore.ListNoticesAsync(uscc, before, limit, CancellationToken.None)).Select(n => n.Sequence);

    [Fact]
    public async Task ListNoticesAsync_TheEnterprisesNewestFirst_PagedBeforeASequence()
    {
        await DeliverSevenAsync();

        Assert.Equal([7L, 6], await ListAsync(Nansha, null, 2));
        Assert.Equal([4L, 3], await ListAsync(Nansha, 6, 2));
        Assert.Equal([1L], await ListAsync(Nansha, 3, 2));
        Assert.Empty(await ListAsync(Nansha, 1, 2));
        Assert.Equal([7L, 6, 4, 3, 1], await ListAsync(Nansha, null, 100));
        Assert.Equal([5L, 2], await ListAsync(Zhuhai, null, 100));
        Assert.Empty(await ListAsync(Beijing, null, 100));
        Assert.Empty(await ListAsync(Nansha, null, 0));
    }

    [Fact]
    public async Task ReadNoticesAsync_AfterASequence_InOrderAtMostTheLimit()
    {
        await DeliverSevenAsync();

        Assert.Equal([3L, 4], (await NoticeStore.ReadNoticesAsync(2, 2, CancellationToken.None)).Select(n => n.Sequence));
        Assert.Equal([6L, 7], (await NoticeStore.ReadNoticesAsync(5, 10, CancellationToken.None)).Select(n => n.Sequence));
        Assert.Empty(await NoticeStore.ReadNoticesAsync(7, 10, CancellationToken.None));
        Assert.Equal(7, await NoticeStore.LastNoticeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task MarkNoticeReadAsync_FirstTime_SetsTheReadTime_AgainKeepsTheFirst()
    {
        await DeliverAsync(InitialNotices, [ToDeliver(Nansha, "k1"), ToDeliver(Nansha, "k2")]);
        var readAt = T0.AddDays(1).ToOffset(TimeSpan.FromHours(8));

        var read = await NoticeStore.MarkNoticeReadAsync(Nansha, 1, readAt, CancellationToken.None);
        var again = await NoticeStore.MarkNoticeReadAsync(Nansha, 1, T0.AddDays(2), CancellationToken.None);

        Assert.Equal(readAt, read!.ReadAt);
        Assert.Equal((1L, "k1"), (read.Sequence, read.Key));
        Assert.Equal(read, again);
        await ReopenAsync();
        var listed = await NoticeStore.ListNoticesAsync(Nansha, null, 10, CancellationToken.None);
        Assert.Equal([null, readAt], listed.Select(n => n.ReadAt));
        Assert.Equal(readAt.UtcTicks, listed[1].ReadAt!.Value.UtcTicks);
        Assert.Equal(read, (await AllNoticesAsync())[0]);
    }

    [Fact]
    public async Task MarkNoticeReadAsync_AnotherEnterprisesNoticeOrNone_NullAndNothingChanges()
    {
        await DeliverAsync(InitialNotices, [ToDeliver(Nansha, "k1")]);

        Assert.Null(await NoticeStore.MarkNoticeReadAsync(Zhuhai, 1, T0, CancellationToken.None));
        Assert.Null(await NoticeStore.MarkNoticeReadAsync(Nansha, 2, T0, CancellationToken.None));
        Assert.Null(await NoticeStore.MarkNoticeReadAsync(Nansha, 0, T0, CancellationToken.None));

        Assert.Null(Assert.Single(await AllNoticesAsync()).ReadAt);
    }

    [Fact]
    public async Task TryLeadMatchingAsync_Held_NoSecondLeaderUntilDisposed_AndTheCreditLeaseIsAnother()
    {
        var lease = await NoticeStore.TryLeadMatchingAsync(CancellationToken.None);

        Assert.NotNull(lease);
        Assert.Null(await NoticeStore.TryLeadMatchingAsync(CancellationToken.None));
        await using (var credit = await CreditStore.TryLeadCreditAsync(CancellationToken.None))
        {
            Assert.NotNull(credit);
        }

        await lease.DisposeAsync();
        await lease.DisposeAsync();
        await using var next = await NoticeStore.TryLeadMatchingAsync(CancellationToken.None);
        Assert.NotNull(next);
        Assert.Null(await NoticeStore.TryLeadMatchingAsync(CancellationToken.None));
    }
}
