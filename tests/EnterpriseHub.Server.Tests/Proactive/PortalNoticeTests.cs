using EnterpriseHub.Client;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests.Proactive;

/// <summary>What the enterprise's page needs of the inbox: a stream from now, one notice by its sequence, and the person behind a read mark.</summary>
public sealed class PortalNoticeTests(ProactiveFixture hub) : IClassFixture<ProactiveFixture>
{
    [Fact]
    public async Task WatchNotices_FromEnd_StartsWithAHeartbeatAtTheEndAndNeitherReplaysNorAuditsOlderDeliveries()
    {
        var old = await DeliverAsync("T81", "before-watch");
        var oldNotice = Assert.Single(await hub.DeliveredAsync("policy:amr:before-watch"), n => n.Uscc == old);
        var end = await hub.Store.LastNoticeAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(ProactiveFixture.Patience);
        using var watch = hub.Client("portal").Proactive.WatchNotices(
            new WatchNoticesRequest { FromEnd = true, HeartbeatSeconds = 300 }, cancellationToken: timeout.Token);

        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        var first = watch.ResponseStream.Current;
        Assert.Equal(WatchNoticesResponse.EventOneofCase.Heartbeat, first.EventCase);
        Assert.Equal(end, first.Heartbeat.Position);

        var fresh = await DeliverAsync("T82", "after-watch");
        var received = new List<V1.Notice>();
        while (received.All(n => n.Uscc != fresh) && await watch.ResponseStream.MoveNext(timeout.Token))
        {
            if (watch.ResponseStream.Current.Notice is { } notice)
            {
                received.Add(notice);
            }
        }

        Assert.All(received, n => Assert.True(n.Sequence > end));
        Assert.Equal("policy:amr:after-watch", received.Single(n => n.Uscc == fresh).Key);
        var trail = hub.Services.GetRequiredService<IAuditStore>();
        var head = await trail.ReadHeadAsync(CancellationToken.None);
        var recent = await trail.ReadAuditAsync(Math.Max(1, head.Sequence - 500), 501, CancellationToken.None);
        Assert.DoesNotContain(recent, r => r.Entry.Action == AuditActions.NoticeDelivery && r.Entry.Detail.StartsWith($"notice {oldNotice.Sequence} ", StringComparison.Ordinal));
        Assert.Contains(recent, r => r.Entry.Action == AuditActions.NoticeDelivery && r.Entry.Usccs.Contains(fresh));
    }

    [Fact]
    public async Task WatchNotices_FromEndResumedWithAfterSequence_TheSequenceWinsAndNothingAfterItIsLost()
    {
        var before = await hub.Store.LastNoticeAsync(CancellationToken.None);
        var missed = await DeliverAsync("T85", "while-away");
        using var timeout = new CancellationTokenSource(ProactiveFixture.Patience);
        using var watch = hub.Client("portal").Proactive.WatchNotices(
            new WatchNoticesRequest { FromEnd = true, AfterSequence = before, HeartbeatSeconds = 300 }, cancellationToken: timeout.Token);

        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        var first = watch.ResponseStream.Current;
        while (watch.ResponseStream.Current.Notice?.Uscc != missed && await watch.ResponseStream.MoveNext(timeout.Token))
        {
        }

        Assert.Equal((WatchNoticesResponse.EventOneofCase.Heartbeat, before), (first.EventCase, first.Heartbeat.Position));
        Assert.Equal("policy:amr:while-away", watch.ResponseStream.Current.Notice?.Key);
    }

    [Fact]
    public async Task WatchNotices_NegativeAfterSequenceOrHeartbeat_InvalidArgumentNamingEachField()
    {
        using var timeout = new CancellationTokenSource(ProactiveFixture.Patience);
        using var watch = hub.Client("portal").Proactive.WatchNotices(
            new WatchNoticesRequest { FromEnd = true, AfterSequence = -1, HeartbeatSeconds = 301 }, cancellationToken: timeout.Token);

        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(timeout.Token));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["after_sequence", "heartbeat_seconds"], error.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetNotice_ItsOwnNotice_ReturnedWithReadStateAndAuditedWithThePerson()
    {
        var uscc = await DeliverAsync("T83", "get-one");
        var sequence = Assert.Single(await hub.DeliveredAsync("policy:amr:get-one"), n => n.Uscc == uscc).Sequence;
        var portal = hub.Client("portal").Proactive;
        await portal.ListNoticesAsync(new ListNoticesRequest { Uscc = uscc, ActingFor = uscc, OfficerId = "chen.jie" });

        var unread = (await portal.GetNoticeAsync(Get(uscc, uscc, sequence))).Notice;
        await portal.MarkReadAsync(new MarkReadRequest { Uscc = uscc, ActingFor = uscc, Sequence = sequence, OfficerId = "zhang.wei" });
        var read = (await portal.GetNoticeAsync(Get(uscc, uscc, sequence))).Notice;

        Assert.Equal(("policy:amr:get-one", sequence), (unread.Key, unread.Sequence));
        Assert.Null(unread.ReadAt);
        Assert.NotNull(read.ReadAt);
        var log = (await hub.Client("portal").Audit.ListAccessAsync(new ListAccessRequest { OfficerId = "staff-1", Uscc = uscc, ActingFor = uscc })).Records;
        Assert.Contains(log, r => r.Action == "read" && r.OfficerId == "li.na" && r.FactTypes.Contains("notices"));
        Assert.Contains(log, r => r.Action == "read" && r.OfficerId == "chen.jie" && r.Purpose == "inbox");
        var marked = Assert.Single(log, r => r.Action == "notice.read");
        Assert.Equal(("portal", "zhang.wei"), (marked.Department, marked.OfficerId));
    }

    [Fact]
    public async Task GetNotice_AnotherEnterprisesNotice_NotFoundAndItsNamedEnterpriseRefused()
    {
        var mine = await DeliverAsync("T84", "mine-only");
        var theirs = Assert.Single(await hub.DeliveredAsync("policy:amr:mine-only"), n => n.Uscc == mine).Sequence;
        var other = TestData.NewUscc();
        var portal = hub.Client("portal").Proactive;

        var notFound = await Assert.ThrowsAsync<RpcException>(() => portal.GetNoticeAsync(Get(other, other, theirs)).ResponseAsync);
        var named = await Assert.ThrowsAsync<RpcException>(() => portal.GetNoticeAsync(Get(mine, other, theirs)).ResponseAsync);
        var marked = await Assert.ThrowsAsync<RpcException>(() => portal.MarkReadAsync(
            new MarkReadRequest { Uscc = other, ActingFor = other, Sequence = theirs, OfficerId = "li.na" }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, "NOTICE_NOT_FOUND"), (notFound.StatusCode, notFound.Reason()));
        Assert.Equal((StatusCode.PermissionDenied, "PORTAL_OTHER_ENTERPRISE"), (named.StatusCode, named.Reason()));
        Assert.Equal((StatusCode.NotFound, "NOTICE_NOT_FOUND"), (marked.StatusCode, marked.Reason()));
        Assert.Null((await portal.GetNoticeAsync(Get(mine, mine, theirs))).Notice.ReadAt);
    }

    [Theory]
    [InlineData("bad", 1, "li.na", "acting_for")]
    [InlineData("", 0, "li.na", "sequence")]
    [InlineData("", -3, "li.na", "sequence")]
    [InlineData("", 1, "", "officer_id")]
    [InlineData("", 1, "   ", "officer_id")]
    [InlineData("", 1, "li\u0000na", "officer_id")]
    [InlineData("", 1, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "officer_id")]
    public async Task GetNoticeAndMarkRead_BadInput_InvalidArgumentNamingTheField(string uscc, long sequence, string officerId, string field)
    {
        // A malformed code is refused by the access gate, which checks the enterprise the portal acts for first.
        var code = uscc.Length > 0 ? "91440115MA5HUB01XX" : TestData.NewUscc();
        var portal = hub.Client("portal").Proactive;

        var get = await Assert.ThrowsAsync<RpcException>(() => portal.GetNoticeAsync(
            new GetNoticeRequest { Uscc = code, ActingFor = code, Sequence = sequence, OfficerId = officerId }).ResponseAsync);
        var mark = await Assert.ThrowsAsync<RpcException>(() => portal.MarkReadAsync(
            new MarkReadRequest { Uscc = code, ActingFor = code, Sequence = sequence, OfficerId = officerId }).ResponseAsync);

        foreach (var error in new[] { get, mark })
        {
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal([field], error.FieldViolations().Select(v => v.Field));
        }
    }

    /// <summary>Publishes a new enterprise of <paramref name="industry"/> and a policy for that industry; returns the enterprise.</summary>
    private async Task<string> DeliverAsync(string industry, string policyId)
    {
        var uscc = TestData.NewUscc();
        await hub.PublishAsync("amr", ProactiveFixture.Licence(uscc, industry, hub.Clock.GetUtcNow().AddYears(5)));
        await hub.PublishPolicyAsync("amr", hub.Policy(policyId, $"industry == \"{industry}\""));
        return uscc;
    }

    private static GetNoticeRequest Get(string uscc, string actingFor, long sequence) =>
        new() { Uscc = uscc, ActingFor = actingFor, Sequence = sequence, OfficerId = "li.na" };
}
