using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    protected static NewNotice ToDeliver(string uscc, string key, string title = "Subsidy 稳岗补贴", DateTimeOffset? due = null) =>
        new(uscc, key, due is null ? NoticeKind.Notice : NoticeKind.Reminder, "hrss", title, "You may apply.", T0.AddHours(3), due);

    protected Task<NoticesDelivered> DeliverAsync(NoticeState expected, IReadOnlyList<NewNotice> notices, NoticeState? advanced = null) =>
        NoticeStore.DeliverNoticesAsync(expected, notices, advanced ?? expected, CancellationToken.None);

    private async Task<List<Notice>> AllNoticesAsync() => [.. await NoticeStore.ReadNoticesAsync(0, 1000, CancellationToken.None)];

    private static IEnumerable<(long, string, string)> Keys(IEnumerable<Notice> notices) => notices.Select(n => (n.Sequence, n.Uscc, n.Key));

    [Fact]
    public async Task ReadNoticeStateAsync_NewStore_VersionZeroNothingMatchedNothingDelivered()
    {
        var state = await NoticeStore.ReadNoticeStateAsync(CancellationToken.None);

        Assert.Equal(InitialNotices, state);
        Assert.Equal(DateTimeOffset.MinValue.UtcTicks, state.RemindedUntil.UtcTicks);
        Assert.Equal(0, await NoticeStore.LastNoticeAsync(CancellationToken.None));
        Assert.Empty(await AllNoticesAsync());
    }

    [Fact]
    public async Task DeliverNoticesAsync_NewKeys_StoredInOrderWithGaplessSequences_TheCursorsMoveAndTheVersionByOne()
    {
        var due = T0.AddDays(120);
        var advanced = new NoticeState(Version: 42, FactCursor: 17, PolicyCursor: 3, RemindedUntil: T0.AddDays(1));

        var first = await DeliverAsync(
            InitialNotices,
            [ToDeliver(Nansha, "policy:hrss:p-1"), ToDeliver(Zhuhai, "policy:hrss:p-1"), ToDeliver(Nansha, "reminder:licence:2025-06-29", due: due)],
            advanced);
        var second = await DeliverAsync(first.State, [ToDeliver(Shenzhen, "policy:hrss:p-1")], first.State with { FactCursor = 20 });
        var third = await DeliverAsync(second.State, [], second.State with { PolicyCursor = 4, RemindedUntil = T0.AddDays(2) });

        Assert.Equal(
            [(1L, Nansha, "policy:hrss:p-1"), (2L, Zhuhai, "policy:hrss:p-1"), (3L, Nansha, "reminder:licence:2025-06-29")], Keys(first.Notices));
        Assert.Equal(
            new Notice(
                3, Nansha, "reminder:licence:2025-06-29", NoticeKind.Reminder, "hrss", "Subsidy 稳岗补贴", "You may apply.",
                T0.AddHours(3), due, null),
            first.Notices[2]);
        Assert.Equal(advanced with { Version = 1 }, first.State);
        Assert.Equal(4, Assert.Single(second.Notices).Sequence);
        Assert.Equal(new NoticeState(2, 20, 3, T0.AddDays(1)), second.State);
        Assert.Empty(third.Notices);
        Assert.Equal(new NoticeState(3, 20, 4, T0.AddDays(2)), third.State);
        Assert.Equal(third.State, await NoticeStore.ReadNoticeStateAsync(CancellationToken.None));
        Assert.Equal([.. first.Notices, .. second.Notices], await AllNoticesAsync());
        Assert.Equal(4, await NoticeStore.LastNoticeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DeliverNoticesAsync_KeysDeliveredBeforeOrRepeatedInTheList_SkippedAndTheSequencesStayGapless()
    {
        var first = await DeliverAsync(InitialNotices, [ToDeliver(Nansha, "k1"), ToDeliver(Nansha, "k1", title: "again"), ToDeliver(Zhuhai, "k1")]);
        var second = await DeliverAsync(
            first.State,
            [ToDeliver(Zhuhai, "k1"), ToDeliver(Nansha, "k2"), ToDeliver(Nansha, "k1"), ToDeliver(Nansha, "k2"), ToDeliver(Zhuhai, "k2")]);
        var third = await DeliverAsync(second.State, [ToDeliver(Nansha, "k1", title: "later"), ToDeliver(Zhuhai, "k2")]);

        Assert.Equal([(1L, Nansha, "k1"), (2L, Zhuhai, "k1")], Keys(first.Notices));
        Assert.Equal("Subsidy 稳岗补贴", first.Notices[0].Title);
        Assert.Equal([(3L, Nansha, "k2"), (4L, Zhuhai, "k2")], Keys(second.Notices));
        Assert.Empty(third.Notices);
        Assert.Equal(3, third.State.Version);
        Assert.Equal([.. first.Notices, .. second.Notices], await AllNoticesAsync());
        Assert.Equal("Subsidy 稳岗补贴", (await NoticeStore.ListNoticesAsync(Nansha, null, 10, CancellationToken.None))[^1].Title);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task DeliverNoticesAsync_StaleState_ConflictsNoticeStateChangedAndStoresNothing(long version)
    {
        var now = (await DeliverAsync(InitialNotices, [ToDeliver(Nansha, "k1")], InitialNotices with { FactCursor = 5 })).State;

        var error = await Assert.ThrowsAsync<HubConflictException>(() => DeliverAsync(
            now with { Version = version }, [ToDeliver(Zhuhai, "k1"), ToDeliver(Nansha, "k2")], now with { FactCursor = 99 }));

        Assert.Equal("NOTICE_STATE_CHANGED", error.Reason);
        Assert.Equal(now, await NoticeStore.ReadNoticeStateAsync(CancellationToken.None));
        Assert.Equal(1, await NoticeStore.LastNoticeAsync(CancellationToken.None));
        Assert.Equal(2, (await DeliverAsync(now, [ToDeliver(Zhuhai, "k1")])).Notices[0].Sequence);
    }

    [Fact]
    public async Task DeliverNoticesAsync_TwoMatchersFromTheSameState_OneWinsTheOtherConflicts()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            try
            {
                return await DeliverAsync(
                    InitialNotices, [ToDeliver(Nansha, $"k{i}"), ToDeliver(Zhuhai, "k")], InitialNotices with { FactCursor = i + 1 });
            }
            catch (HubConflictException)
            {
                return null;
            }
        })));

        var winner = Assert.Single(results, r => r is not null)!;
        Assert.Equal(winner.State, await NoticeStore.ReadNoticeStateAsync(CancellationToken.None));
        Assert.Equal(winner.Notices, await AllNoticesAsync());
    }

    [Fact]
    public async Task DeliverNoticesAsync_Notice_RoundTripsExactly_AlsoAfterReopen()
    {
        var east8 = TimeSpan.FromHours(8);
        var at = new DateTimeOffset(2025, 5, 6, 7, 8, 9, east8).AddTicks(1234567);
        var due = new DateTimeOffset(2025, 6, 30, 23, 59, 59, east8).AddTicks(9999999);
        var reminder = new NewNotice(
            Nansha, "reminder:licence:2025-06-30", NoticeKind.Reminder, "amr", "执照 \"expiring\"", "line\nnext\t100%", at, due);
        var warning = new NewNotice(Zhuhai, "warning:tax:1", NoticeKind.Warning, "tax", "", "", at, null);

        var delivered = await DeliverAsync(InitialNotices, [reminder, warning], InitialNotices with { RemindedUntil = at });

        var expected = new List<Notice>
        {
            new(1, Nansha, reminder.Key, NoticeKind.Reminder, "amr", reminder.Title, reminder.Body, at, due, null),
            new(2, Zhuhai, warning.Key, NoticeKind.Warning, "tax", "", "", at, null, null),
        };
        AssertSameNotices(expected, delivered.Notices);
        Assert.Equal(at.UtcTicks, delivered.State.RemindedUntil.UtcTicks);
        await ReopenAsync();
        AssertSameNotices(expected, await AllNoticesAsync());
        Assert.Equal(delivered.State, await NoticeStore.ReadNoticeStateAsync(CancellationToken.None));
    }

    private static void AssertSameNotices(IReadOnlyList<Notice> expected, IReadOnlyList<Notice> actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(
            expected.Select(n => (n.DeliveredAt.UtcTicks, n.DueAt?.UtcTicks, n.ReadAt?.UtcTicks)),
            actual.Select(n => (n.DeliveredAt.UtcTicks, n.DueAt?.UtcTicks, n.ReadAt?.UtcTicks)));
    }
}
