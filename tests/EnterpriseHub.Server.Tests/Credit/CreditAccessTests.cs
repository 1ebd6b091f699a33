using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;
using CreditLevel = EnterpriseHub.V1.CreditLevel;

namespace EnterpriseHub.Server.Tests.Credit;

/// <summary>Who may read credit data, objections and their answers, and every refusal.</summary>
public sealed class CreditAccessTests(CreditFixture hub) : IClassFixture<CreditFixture>
{
    [Fact]
    public async Task Objection_ReachesTheOwningDepartmentsSubscription_ThenConfirmed()
    {
        var uscc = TestData.NewUscc();
        var court = hub.Client("court");
        await court.Exchange.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "objections-" + uscc.ToLowerInvariant(), FactTypes = { "court.credit_objection" }, Purpose = "verification duty", OfficerId = "clerk-3",
        });
        var listed = await hub.PublishAsync("court", CreditFixture.Debtor(uscc, "obj-" + uscc, hub.Clock.GetUtcNow().AddDays(-1)));

        var filed = (await hub.Client("portal").Credit.FileObjectionAsync(new FileObjectionRequest
        {
            ActingFor = uscc, ObjectionId = "o-1", Rule = "dishonest_debtor", FactSequence = listed, Reason = "the judgment was paid in full on 3 March",
            OfficerId = "user-1",
        })).Objection;
        Assert.Equal(ObjectionState.Pending, filed.State);
        Assert.Equal("obj-" + uscc, filed.Fact.SourceRecordId);

        using var timeout = new CancellationTokenSource(CreditFixture.Patience);
        using var read = court.Exchange.ReadSubscription(new ReadSubscriptionRequest { Name = "objections-" + uscc.ToLowerInvariant(), HeartbeatSeconds = 300 }, cancellationToken: timeout.Token);
        Assert.True(await read.ResponseStream.MoveNext(timeout.Token));
        var delivered = read.ResponseStream.Current.Fact;
        Assert.Equal(("court.credit_objection", uscc, "portal"), (delivered.FactType, delivered.Uscc, delivered.Publisher));
        Assert.Equal(listed, (long)delivered.Attributes.Fields["fact_sequence"].NumberValue);

        var confirmed = (await court.Credit.AnswerObjectionAsync(new AnswerObjectionRequest
        {
            Uscc = uscc, ObjectionId = "o-1", Decision = ObjectionDecision.Confirmed, Note = "payment not received by the court",
        })).Objection;
        var own = (await hub.Client("portal").Credit.GetCreditProfileAsync(CreditFixture.Read(uscc, actingFor: uscc))).Profile;

        Assert.Equal(ObjectionState.Confirmed, confirmed.State);
        Assert.Equal(ObjectionState.Confirmed, Assert.Single(own.Objections).State);
        Assert.Equal(CreditLevel.D, own.Level);
    }

    [Fact]
    public async Task Objection_CorrectedAfterTheCourtSupersedesTheFact_LevelRecovers()
    {
        var uscc = TestData.NewUscc();
        var listed = await hub.PublishAsync("court", CreditFixture.Debtor(uscc, "wrong-" + uscc, hub.Clock.GetUtcNow().AddDays(-1)));
        var file = new FileObjectionRequest { ActingFor = uscc, ObjectionId = "o-2", Rule = "dishonest_debtor", FactSequence = listed, Reason = "wrong enterprise", OfficerId = "user-2" };
        await hub.Client("portal").Credit.FileObjectionAsync(file);
        var answer = new AnswerObjectionRequest { Uscc = uscc, ObjectionId = "o-2", Decision = ObjectionDecision.Corrected, Note = "listed in error" };

        var early = await Assert.ThrowsAsync<RpcException>(() => hub.Client("court").Credit.AnswerObjectionAsync(answer).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "FACT_STILL_CURRENT"), (early.StatusCode, early.Reason()));

        await hub.PublishAsync("court", CreditFixture.Debtor(uscc, "fixed-" + uscc, hub.Clock.GetUtcNow(), lifted: true));
        var corrected = (await hub.Client("court").Credit.AnswerObjectionAsync(answer)).Objection;
        var again = (await hub.Client("court").Credit.AnswerObjectionAsync(answer)).Objection;
        var refiled = (await hub.Client("portal").Credit.FileObjectionAsync(file)).Objection;

        Assert.Equal(ObjectionState.Corrected, corrected.State);
        Assert.Equal(corrected, again);
        Assert.Equal(ObjectionState.Corrected, refiled.State);
        Assert.Equal(CreditLevel.A, (await hub.ProfileAsync(uscc)).Profile.Level);
    }

    [Fact]
    public async Task GetCreditProfile_ByTheEnterpriseThroughThePortal_AuditedInItsAccessLog()
    {
        var uscc = TestData.NewUscc();
        await hub.PublishAsync("tax", TestData.Grade(uscc, "grade-" + uscc, "D"));

        var own = (await hub.Client("portal").Credit.GetCreditProfileAsync(CreditFixture.Read(uscc, actingFor: uscc))).Profile;
        var log = await hub.Client("portal").Audit.ListAccessAsync(new ListAccessRequest { OfficerId = "staff-1", Uscc = uscc, ActingFor = uscc });

        Assert.Equal(CreditLevel.C, own.Level);
        Assert.Contains(log.Records, r => r.Department == "portal" && r.FactTypes.Contains("credit") && r.FactTypes.Contains("tax.credit_grade"));
    }

    [Fact]
    public async Task CreditReads_Refused_WithPreciseStatus()
    {
        var uscc = TestData.NewUscc();
        await hub.PublishAsync("tax", TestData.Grade(uscc, "r-" + uscc, "A"));
        var other = TestData.NewUscc();

        await Refused(StatusCode.PermissionDenied, "CALLER_NOT_ADMITTED", hub.Client("hrss").Credit.GetCreditProfileAsync(CreditFixture.Read(uscc)).ResponseAsync);
        await Refused(StatusCode.PermissionDenied, "PORTAL_OTHER_ENTERPRISE",
            hub.Client("portal").Credit.GetCreditProfileAsync(CreditFixture.Read(uscc, actingFor: other)).ResponseAsync);
        await Refused(StatusCode.NotFound, "ENTERPRISE_NOT_FOUND", hub.Client("tax").Credit.GetCreditProfileAsync(CreditFixture.Read(other)).ResponseAsync);
        var invalid = await Refused(StatusCode.InvalidArgument, null,
            hub.Client("tax").Credit.GetCreditProfileAsync(new GetCreditProfileRequest { Uscc = uscc[..17] + (uscc[17] == '0' ? "1" : "0") }).ResponseAsync);
        Assert.Equal(["officer_id", "purpose", "uscc"], invalid.FieldViolations().Select(v => v.Field).Order());
        var list = await Refused(StatusCode.InvalidArgument, null, hub.Client("tax").Credit.ListRiskEnterprisesAsync(
            new ListRiskEnterprisesRequest { Zone = "atlantis", PageSize = 501, PageToken = "nope", Purpose = "p", OfficerId = "o" }).ResponseAsync);
        Assert.Equal(["min_level", "page_size", "page_token", "zone"], list.FieldViolations().Select(v => v.Field).Order());
        await Refused(StatusCode.PermissionDenied, "CALLER_NOT_ADMITTED", hub.Client("hrss").Credit.ListRiskEnterprisesAsync(
            new ListRiskEnterprisesRequest { MinLevel = CreditLevel.C, Purpose = "p", OfficerId = "o" }).ResponseAsync);

        using var timeout = new CancellationTokenSource(CreditFixture.Patience);
        using var watch = hub.Client("hrss").Credit.WatchRiskAlerts(new WatchRiskAlertsRequest { Purpose = "p", OfficerId = "o" }, cancellationToken: timeout.Token);
        var refused = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task Objections_Refused_WithPreciseStatus()
    {
        var uscc = TestData.NewUscc();
        var graded = await hub.PublishAsync("tax", TestData.Grade(uscc, "g-" + uscc, "A"));
        var portal = hub.Client("portal").Credit;
        FileObjectionRequest File(string id = "x-1", long sequence = 0, string rule = "tax_grade_d") =>
            new() { ActingFor = uscc, ObjectionId = id, Rule = rule, FactSequence = sequence == 0 ? graded : sequence, Reason = "not so", OfficerId = "user-3" };

        await Refused(StatusCode.PermissionDenied, "CALLER_NOT_ADMITTED", hub.Client("tax").Credit.FileObjectionAsync(File()).ResponseAsync);
        var invalid = await Refused(StatusCode.InvalidArgument, null, portal.FileObjectionAsync(
            new FileObjectionRequest { ActingFor = uscc, ObjectionId = "bad id!", Reason = "\u0000", OfficerId = "user-3" }).ResponseAsync);
        Assert.Equal(["fact_sequence", "objection_id", "reason", "rule"], invalid.FieldViolations().Select(v => v.Field).Order());
        await Refused(StatusCode.NotFound, "FACT_NOT_FOUND", portal.FileObjectionAsync(File(sequence: graded + 1_000_000)).ResponseAsync);
        await Refused(StatusCode.FailedPrecondition, "SIGNAL_NOT_CURRENT", portal.FileObjectionAsync(File()).ResponseAsync);
        await Refused(StatusCode.NotFound, "OBJECTION_NOT_FOUND", hub.Client("tax").Credit.AnswerObjectionAsync(new AnswerObjectionRequest
        {
            Uscc = uscc, ObjectionId = "x-1", Decision = ObjectionDecision.Confirmed, Note = "n",
        }).ResponseAsync);
        var answer = await Refused(StatusCode.InvalidArgument, null, hub.Client("tax").Credit.AnswerObjectionAsync(
            new AnswerObjectionRequest { Uscc = uscc, ObjectionId = "x-1" }).ResponseAsync);
        Assert.Equal(["decision", "note"], answer.FieldViolations().Select(v => v.Field).Order());
    }

    private static async Task<RpcException> Refused<T>(StatusCode code, string? reason, Task<T> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(code, error.StatusCode);
        if (reason is not null)
        {
            Assert.Equal(reason, error.Reason());
        }

        return error;
    }
}
