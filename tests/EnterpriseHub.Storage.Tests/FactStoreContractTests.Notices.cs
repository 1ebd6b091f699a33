using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    protected static readonly NoticeState InitialNotices = new(0, 0, 0, DateTimeOffset.MinValue);

    protected INoticeStore NoticeStore => (INoticeStore)Adapter;

    protected static Policy NewPolicy(string department, string id, int fromDay = 0, int days = 30) => new(
        department, id, NoticeKind.Notice, $"Subsidy {id} 稳岗补贴", "Apply by the end of the quarter.", """industry in ["C39", "C34"]""",
        T0.AddDays(fromDay), T0.AddDays(fromDay + days), T0.AddHours(2));

    protected static AuditEntry PolicyAudit(Policy policy, string requestId = "") =>
        new(T0.AddHours(2), policy.Department, "officer-7", "policy.publish", [], [], "", requestId is "" ? $"req-{policy.Id}" : requestId, "ok",
            policy.Id);

    protected Task<Policy> AddPolicyAsync(Policy policy, string requestId = "") =>
        NoticeStore.AddPolicyAsync(policy, PolicyAudit(policy, requestId), CancellationToken.None);

    [Fact]
    public async Task AddPolicyAsync_New_StoredWithTheNextSequenceAndItsAuditRecordInTheOneChain()
    {
        var first = await AddPolicyAsync(NewPolicy("tax", "p-1"));
        await AuditStore.AppendAuditAsync([ReadEntry(1, Nansha)], CancellationToken.None);
        var second = await AddPolicyAsync(NewPolicy("hrss", "p-1") with { Sequence = 99 });

        Assert.Equal(NewPolicy("tax", "p-1") with { Sequence = 1 }, first);
        Assert.Equal(NewPolicy("hrss", "p-1") with { Sequence = 2 }, second);
        Assert.Equal(first, await NoticeStore.FindPolicyAsync("tax", "p-1", CancellationToken.None));
        Assert.Equal(second, await NoticeStore.FindPolicyAsync("hrss", "p-1", CancellationToken.None));
        var audit = await AllAuditAsync();
        Assert.Equal(["req-p-1", "req-1", "req-p-1"], audit.Select(r => r.Entry.RequestId));
        Assert.Equal(["tax", "portal", "hrss"], audit.Select(r => r.Entry.Caller));
        Assert.Null(AuditChain.Verify(audit, 1, AuditChain.GenesisHash));
    }

    [Fact]
    public async Task AddPolicyAsync_SameContentAgain_ReturnsTheStoredOneAndWritesNothing()
    {
        var stored = await AddPolicyAsync(NewPolicy("tax", "p-1"));
        var east8 = TimeSpan.FromHours(8);
        var again = NewPolicy("tax", "p-1") with
        {
            ValidFrom = stored.ValidFrom.ToOffset(east8), PublishedAt = T0.AddDays(3), Sequence = 7,
        };

        var returned = await AddPolicyAsync(again, "req-again");

        Assert.Equal(stored, returned);
        Assert.Equal(stored.PublishedAt, returned.PublishedAt);
        Assert.Equal(["req-p-1"], (await AllAuditAsync()).Select(r => r.Entry.RequestId));
        Assert.Equal([stored], await NoticeStore.PoliciesAfterAsync(0, CancellationToken.None));
    }

    [Theory]
    [InlineData("kind")]
    [InlineData("title")]
    [InlineData("body")]
    [InlineData("condition")]
    [InlineData("from")]
    [InlineData("until")]
    public async Task AddPolicyAsync_OtherContentUnderTheSameId_ConflictsPolicyExistsAndWritesNothing(string field)
    {
        var stored = await AddPolicyAsync(NewPolicy("tax", "p-1"));
        var original = NewPolicy("tax", "p-1");
        var changed = field switch
        {
            "kind" => original with { Kind = NoticeKind.Warning },
            "title" => original with { Title = original.Title + " " },
            "body" => original with { Body = "" },
            "condition" => original with { Condition = "true" },
            "from" => original with { ValidFrom = original.ValidFrom.AddTicks(1) },
            _ => original with { ValidUntil = original.ValidUntil.AddDays(1) },
        };

        var error = await Assert.ThrowsAsync<HubConflictException>(() => AddPolicyAsync(changed, "req-changed"));

        Assert.Equal("POLICY_EXISTS", error.Reason);
        Assert.Equal(stored, await NoticeStore.FindPolicyAsync("tax", "p-1", CancellationToken.None));
        Assert.Equal(["req-p-1"], (await AllAuditAsync()).Select(r => r.Entry.RequestId));
        Assert.Equal(2, (await AddPolicyAsync(NewPolicy("tax", "p-2"))).Sequence);
    }

    [Fact]
    public async Task AddPolicyAsync_Policy_RoundTripsExactly_AlsoAfterReopen()
    {
        var east8 = TimeSpan.FromHours(8);
        var policy = new Policy(
            "amr", "licence_renewal-2025", NoticeKind.Warning, "营业执照 \"renewal\"", "line one\nline two\t100%",
            "licence.expires_at < now + 30d",
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, east8).AddTicks(1234567), DateTimeOffset.MaxValue,
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, east8).AddTicks(3));

        var stored = await AddPolicyAsync(policy);

        AssertSamePolicy(policy with { Sequence = 1 }, stored);
        AssertSamePolicy(stored, (await NoticeStore.FindPolicyAsync("amr", policy.Id, CancellationToken.None))!);
        await ReopenAsync();
        AssertSamePolicy(stored, (await NoticeStore.FindPolicyAsync("amr", policy.Id, CancellationToken.None))!);
        Assert.Null(await NoticeStore.FindPolicyAsync("amr", "LICENCE_RENEWAL-2025", CancellationToken.None));
        Assert.Null(await NoticeStore.FindPolicyAsync("tax", policy.Id, CancellationToken.None));
    }

    private static void AssertSamePolicy(Policy expected, Policy actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(
            (expected.ValidFrom.UtcTicks, expected.ValidUntil.UtcTicks, expected.PublishedAt.UtcTicks),
            (actual.ValidFrom.UtcTicks, actual.ValidUntil.UtcTicks, actual.PublishedAt.UtcTicks));
    }

    [Fact]
    public async Task ActivePoliciesAsync_WindowIncludesItsStartNotItsEnd_InSequenceOrder()
    {
        var later = await AddPolicyAsync(NewPolicy("tax", "later", fromDay: 5, days: 15));
        var now = await AddPolicyAsync(NewPolicy("hrss", "now", fromDay: 0, days: 10));
        await AddPolicyAsync(NewPolicy("amr", "ended", fromDay: -10, days: 10));

        Assert.Equal([now], await NoticeStore.ActivePoliciesAsync(T0, CancellationToken.None));
        Assert.Equal([later, now], await NoticeStore.ActivePoliciesAsync(T0.AddDays(5), CancellationToken.None));
        Assert.Equal([later], await NoticeStore.ActivePoliciesAsync(T0.AddDays(10), CancellationToken.None));
        Assert.Empty(await NoticeStore.ActivePoliciesAsync(T0.AddDays(20), CancellationToken.None));
        Assert.Equal([now], await NoticeStore.ActivePoliciesAsync(T0.ToOffset(TimeSpan.FromHours(8)), CancellationToken.None));
    }

    [Fact]
    public async Task PoliciesAfterAsync_AndListPoliciesAsync_InSequenceOrderAndNewestFirstByDepartment()
    {
        var p1 = await AddPolicyAsync(NewPolicy("tax", "a"));
        var p2 = await AddPolicyAsync(NewPolicy("hrss", "a"));
        var p3 = await AddPolicyAsync(NewPolicy("tax", "b"));

        Assert.Equal([p1, p2, p3], await NoticeStore.PoliciesAfterAsync(0, CancellationToken.None));
        Assert.Equal([p3], await NoticeStore.PoliciesAfterAsync(2, CancellationToken.None));
        Assert.Empty(await NoticeStore.PoliciesAfterAsync(3, CancellationToken.None));
        Assert.Equal([p3, p1], await NoticeStore.ListPoliciesAsync("tax", CancellationToken.None));
        Assert.Equal([p2], await NoticeStore.ListPoliciesAsync("hrss", CancellationToken.None));
        Assert.Empty(await NoticeStore.ListPoliciesAsync("amr", CancellationToken.None));
    }
}
