using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Credit;

/// <summary>
/// The enterprise's page learns of its credit through its inbox: a change of level and the answer
/// to an objection each arrive as a warning, on the delivery stream and in the inbox; the person who
/// filed the objection is named in the enterprise's access log.
/// </summary>
public sealed class CreditNoticeTests(CreditFixture hub) : IClassFixture<CreditFixture>
{
    [Fact]
    public async Task LevelChangeAndObjectionAnswer_EachArriveAsAWarningInTheInboxAndOnTheStream()
    {
        // A first fact applied proves the projection's start-up rebuild has finished (a rebuild leaves
        // facts published while it runs to the incremental pass, which alerts them as their own).
        await hub.PublishAsync("court", CreditFixture.Debtor(TestData.NewUscc(), "warm-" + Guid.NewGuid().ToString("N"), hub.Clock.GetUtcNow().AddDays(-1)));
        var uscc = TestData.NewUscc();
        using var timeout = new CancellationTokenSource(CreditFixture.Patience);
        using var watch = hub.Client("portal").Proactive.WatchNotices(
            new WatchNoticesRequest { FromEnd = true, HeartbeatSeconds = 300 }, cancellationToken: timeout.Token);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));

        var listed = await hub.PublishAsync("court", CreditFixture.Debtor(uscc, "warn-" + uscc, hub.Clock.GetUtcNow().AddDays(-1)));
        var level = await NextForAsync(watch, uscc, timeout.Token);
        Assert.Equal(V1.NoticeKind.Warning, level.Kind);
        Assert.StartsWith("credit:", level.Key, StringComparison.Ordinal);
        Assert.Contains("A to D", level.Title, StringComparison.Ordinal);
        Assert.Contains("dishonest_debtor started", level.Body, StringComparison.Ordinal);

        await hub.Client("portal").Credit.FileObjectionAsync(new FileObjectionRequest
        {
            ActingFor = uscc, ObjectionId = "w-1", Rule = "dishonest_debtor", FactSequence = listed, Reason = "paid", OfficerId = "wang.fang",
        });
        await hub.Client("court").Credit.AnswerObjectionAsync(new AnswerObjectionRequest
        {
            Uscc = uscc, ObjectionId = "w-1", Decision = ObjectionDecision.Confirmed, Note = "no payment on record",
        });
        var answer = await NextForAsync(watch, uscc, timeout.Token);

        Assert.Equal((V1.NoticeKind.Warning, "objection:court:w-1", "court"), (answer.Kind, answer.Key, answer.Department));
        Assert.Equal("no payment on record", answer.Body);
        var inbox = await hub.Client("portal").Proactive.ListNoticesAsync(new ListNoticesRequest { OfficerId = "staff-1", Uscc = uscc, ActingFor = uscc });
        Assert.Equal([answer.Sequence, level.Sequence], inbox.Notices.Select(n => n.Sequence));
        var log = (await hub.Client("portal").Audit.ListAccessAsync(new ListAccessRequest { OfficerId = "staff-1", Uscc = uscc, ActingFor = uscc })).Records;
        var filed = Assert.Single(log, r => r.Action == "declare");
        Assert.Equal(("portal", "wang.fang", "credit objection"), (filed.Department, filed.OfficerId, filed.Purpose));
        Assert.Contains("court.credit_objection", filed.FactTypes);
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("a\u001bb", "control")]
    public async Task FileObjection_WithoutAValidPerson_InvalidArgumentNamingOfficerIdNothingFiled(string officerId, string problem)
    {
        var uscc = TestData.NewUscc();
        var listed = await hub.PublishAsync("court", CreditFixture.Debtor(uscc, "nobody-" + uscc, hub.Clock.GetUtcNow().AddDays(-1)));

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("portal").Credit.FileObjectionAsync(new FileObjectionRequest
        {
            ActingFor = uscc, ObjectionId = "n-1", Rule = "dishonest_debtor", FactSequence = listed, Reason = "paid", OfficerId = officerId,
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.FieldViolations());
        Assert.Equal("officer_id", violation.Field);
        Assert.Contains(problem, violation.Description, StringComparison.Ordinal);
        Assert.Empty((await hub.ProfileAsync(uscc)).Profile.Objections);
    }

    /// <summary>The next notice on the stream for <paramref name="uscc"/>.</summary>
    private static async Task<V1.Notice> NextForAsync(
        AsyncServerStreamingCall<WatchNoticesResponse> watch, string uscc, CancellationToken cancellationToken)
    {
        while (await watch.ResponseStream.MoveNext(cancellationToken))
        {
            if (watch.ResponseStream.Current.Notice is { } notice && notice.Uscc == uscc)
            {
                return notice;
            }
        }

        throw new InvalidOperationException("the stream ended");
    }
}
