using EnterpriseHub.Client;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests.Proactive;

/// <summary>Notices find the enterprises their conditions select, once each; reminders come at the right time.</summary>
public sealed class ProactiveTests(ProactiveFixture hub) : IClassFixture<ProactiveFixture>
{
    private const string Condition = """zone == "nansha" && industry in ["T91", "T92"] && hrss.insured_headcount < 100""";

    [Fact]
    public async Task PublishPolicy_ReachesExactlyTheEnterprisesTheConditionSelects_AsAnIndependentEvaluationSays()
    {
        var random = new Random(7);
        var expected = new List<string>();
        var licences = new List<FactDraft>();
        var headcounts = new List<FactDraft>();
        for (var i = 0; i < 300; i++)
        {
            var division = random.Next(3) == 0 ? "440305" : "440115";
            var uscc = TestData.NewUscc(division);
            var industry = new[] { "T91", "T92", "T93" }[random.Next(3)];
            licences.Add(ProactiveFixture.Licence(uscc, industry, hub.Clock.GetUtcNow().AddYears(5)));
            int? headcount = random.Next(5) == 0 ? null : random.Next(1, 200);
            if (headcount is { } h)
            {
                headcounts.Add(TestData.Headcount(uscc, $"hc-{uscc}", h));
            }

            // The same condition, written as a plain predicate over the data as generated.
            if (division == "440115" && industry is "T91" or "T92" && headcount < 100)
            {
                expected.Add(uscc);
            }
        }

        await hub.PublishAsync("amr", [.. licences]);
        await hub.PublishAsync("hrss", [.. headcounts]);
        var preview = await hub.Client("hrss").Proactive.PreviewAsync(new PreviewRequest
        {
            Condition = Condition, SampleSize = 100, Purpose = "subsidy planning", OfficerId = "hrss-11",
        });
        await hub.PublishPolicyAsync("hrss", hub.Policy("subsidy-2026", Condition));

        var delivered = await hub.DeliveredAsync("policy:hrss:subsidy-2026");
        Assert.Equal(expected.Order(), delivered.Select(n => n.Uscc).Order());
        Assert.Equal(expected.Count, preview.Count);
        Assert.All(preview.Sample, s => Assert.Contains(s.Uscc, expected));
    }

    [Fact]
    public async Task FirstFact_OfATypeNoConditionReads_StillMatchesAPolicyOnWhoTheEnterpriseIs()
    {
        // The policy reads no fact type, so only the enterprise's coming into the directory can match it.
        var uscc = TestData.NewUscc();
        await hub.PublishPolicyAsync("hrss", hub.Policy("first-fact", $"uscc == \"{uscc}\""));
        Assert.Empty(await hub.DeliveredAsync("policy:hrss:first-fact"));

        await hub.PublishAsync("tax", TestData.Grade(uscc, $"grade-{uscc}", "B"));

        Assert.Equal([uscc], (await hub.DeliveredAsync("policy:hrss:first-fact")).Select(n => n.Uscc));
    }

    [Fact]
    public async Task FactChange_MakesAnEnterpriseEligible_NoticeDeliveredOnce()
    {
        var uscc = TestData.NewUscc();
        await hub.PublishAsync("amr", ProactiveFixture.Licence(uscc, "T94", hub.Clock.GetUtcNow().AddYears(5)));
        await hub.PublishAsync("hrss", TestData.Headcount(uscc, $"hc1-{uscc}", 150));
        await hub.PublishPolicyAsync("hrss", hub.Policy("eligible-later", "industry == \"T94\" && hrss.insured_headcount < 100"));
        Assert.DoesNotContain(await hub.DeliveredAsync("policy:hrss:eligible-later"), n => n.Uscc == uscc);

        await hub.PublishAsync("hrss", TestData.Headcount(uscc, $"hc2-{uscc}", 60));
        await hub.PublishAsync("hrss", TestData.Headcount(uscc, $"hc3-{uscc}", 40));

        var mine = (await hub.DeliveredAsync("policy:hrss:eligible-later")).Where(n => n.Uscc == uscc).ToList();
        var notice = Assert.Single(mine);
        var inbox = await hub.Client("portal").Proactive.ListNoticesAsync(new ListNoticesRequest { OfficerId = "staff-1", Uscc = uscc, ActingFor = uscc });
        Assert.Equal(notice.Sequence, Assert.Single(inbox.Notices).Sequence);
        var read = (await hub.Client("portal").Proactive.MarkReadAsync(new MarkReadRequest { Uscc = uscc, ActingFor = uscc, Sequence = notice.Sequence, OfficerId = "user-1" })).Notice;
        Assert.NotNull(read.ReadAt);
    }

    [Fact]
    public async Task LicenceNearingExpiry_OneReminderAtTheRightTime()
    {
        var uscc = TestData.NewUscc();
        var expiry = hub.Clock.GetUtcNow().Date.AddDays(40);
        await hub.PublishAsync("amr", ProactiveFixture.Licence(uscc, "T95", new DateTimeOffset(expiry, TimeSpan.Zero)));
        var key = $"reminder:licence_expiry:{expiry:yyyy-MM-dd}";
        Assert.DoesNotContain(await hub.DeliveredAsync(key), n => n.Uscc == uscc);

        // Wait for a sweep made at the moved time, not one that began before the clock moved.
        hub.Clock.Advance(TimeSpan.FromDays(11));
        var moved = hub.Clock.GetUtcNow();
        await hub.SweptAsync(moved);
        var reminder = Assert.Single(await hub.DeliveredAsync(key), n => n.Uscc == uscc);
        // Deadlines are the province's dates: the day starts at midnight China Standard Time.
        Assert.Equal(new DateTimeOffset(expiry, TimeSpan.FromHours(8)), reminder.DueAt);

        hub.Clock.Advance(TimeSpan.FromDays(2));
        var later = hub.Clock.GetUtcNow();
        await hub.SweptAsync(later);
        Assert.Single(await hub.DeliveredAsync(key), n => n.Uscc == uscc);
    }

    [Fact]
    public async Task PublishPolicy_MalformedCondition_RefusedWithLineAndColumn()
    {
        var request = hub.Policy("broken", "zone == \"nansha\" &&\n  hrss.insured_headcount.headcnt < 100");

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("hrss").Proactive.PublishPolicyAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.FieldViolations());
        Assert.Equal("condition", violation.Field);
        Assert.StartsWith("line 2, column 26: unknown field 'headcnt'", violation.Description, StringComparison.Ordinal);
        Assert.Null(await hub.Store.FindPolicyAsync("hrss", "broken", CancellationToken.None));
    }

    [Fact]
    public async Task Refusals_WithPreciseStatus()
    {
        var uscc = TestData.NewUscc();
        await hub.PublishAsync("amr", ProactiveFixture.Licence(uscc, "T96", hub.Clock.GetUtcNow().AddYears(5)));
        var proactive = hub.Client("customs").Proactive;

        var invalid = await Assert.ThrowsAsync<RpcException>(() => proactive.PublishPolicyAsync(new PublishPolicyRequest
        {
            PolicyId = "bad id", Kind = NoticeKind.Reminder, Title = "", Body = "b", Condition = "true",
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(["kind", "policy_id", "title", "valid_until"], invalid.FieldViolations().Select(v => v.Field).Order());

        var withheld = await Assert.ThrowsAsync<RpcException>(() => proactive.PreviewAsync(new PreviewRequest
        {
            Condition = "hrss.insured_headcount < 100", Purpose = "p", OfficerId = "o",
        }).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "FACT_TYPE_NOT_READABLE"), (withheld.StatusCode, withheld.Reason()));

        await proactive.PublishPolicyAsync(hub.Policy("same-id", "industry == \"T96\""));
        var changed = await Assert.ThrowsAsync<RpcException>(() => proactive.PublishPolicyAsync(hub.Policy("same-id", "industry == \"T97\"")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, changed.StatusCode);

        var notPortal = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("tax").Proactive.ListNoticesAsync(new ListNoticesRequest { Uscc = uscc, ActingFor = uscc }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, notPortal.StatusCode);
        var otherEnterprise = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("portal").Proactive.ListNoticesAsync(new ListNoticesRequest { OfficerId = "staff-1", Uscc = uscc, ActingFor = TestData.NewUscc() }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, otherEnterprise.StatusCode);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("portal").Proactive.MarkReadAsync(new MarkReadRequest { Uscc = uscc, ActingFor = uscc, Sequence = 999_999, OfficerId = "user-1" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        using var timeout = new CancellationTokenSource(ProactiveFixture.Patience);
        using var watch = hub.Client("tax").Proactive.WatchNotices(new WatchNoticesRequest(), cancellationToken: timeout.Token);
        var refused = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task WatchNotices_TheChannelReceivesEveryDelivery_EachAudited()
    {
        var uscc = TestData.NewUscc();
        await hub.PublishAsync("amr", ProactiveFixture.Licence(uscc, "T98", hub.Clock.GetUtcNow().AddYears(5)));
        var from = await hub.Store.LastNoticeAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(ProactiveFixture.Patience);
        using var watch = hub.Client("portal").Proactive.WatchNotices(
            new WatchNoticesRequest { AfterSequence = from, HeartbeatSeconds = 300 }, cancellationToken: timeout.Token);

        await hub.Client("amr").Proactive.PublishPolicyAsync(hub.Policy("watched", "industry == \"T98\""));
        V1.Notice? received = null;
        while (received is null && await watch.ResponseStream.MoveNext(timeout.Token))
        {
            received = watch.ResponseStream.Current.Notice is { Uscc: var u } n && u == uscc ? n : null;
        }

        Assert.Equal("policy:amr:watched", received!.Key);
        var trail = hub.Services.GetRequiredService<IAuditStore>();
        var head = await trail.ReadHeadAsync(CancellationToken.None);
        var recent = await trail.ReadAuditAsync(Math.Max(1, head.Sequence - 500), 501, CancellationToken.None);
        var delivery = Assert.Single(recent, r => r.Entry.Action == AuditActions.NoticeDelivery && r.Entry.Usccs.Contains(uscc));
        Assert.Equal("portal", delivery.Entry.Caller);
        Assert.Contains($"notice {received.Sequence}", delivery.Entry.Detail, StringComparison.Ordinal);
    }
}
