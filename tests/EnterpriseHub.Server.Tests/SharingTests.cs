using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests;

public sealed class SharingTests(SharingFixture hub) : IClassFixture<SharingFixture>
{
    private const string Nansha = "91440115MA5HUB013L";
    private const string Qianhai = "91440305MA5HUB021A";
    private const string Headcount = "hrss.insured_headcount";

    [Fact]
    public async Task Grant_RequestApproveRevoke_TypeWithheldThenVisibleThenWithheldOnTheNextRequest()
    {
        var customs = hub.Client("customs");
        var before = await customs.Directory.GetEnterpriseAsync(Read(Nansha));
        Assert.DoesNotContain(before.Enterprise.Facts, f => f.FactType == Headcount);
        Assert.Contains(Headcount, before.Enterprise.WithheldFactTypes);

        var requested = (await customs.Catalog.RequestGrantAsync(Request(Headcount))).Grant;
        Assert.Equal(GrantState.Pending, requested.State);
        Assert.Equal("hrss", requested.Owner);
        var pending = await hub.Client("hrss").Catalog.ListGrantRequestsAsync(new ListGrantRequestsRequest { State = GrantState.Pending });
        Assert.Contains(pending.Grants, g => g.Id == requested.Id && g.Age.ToTimeSpan() >= TimeSpan.Zero);
        Assert.Contains(Headcount, (await customs.Directory.GetEnterpriseAsync(Read(Nansha))).Enterprise.WithheldFactTypes);

        var approved = (await hub.Client("hrss").Catalog.DecideGrantAsync(new DecideGrantRequest { GrantId = requested.Id, Approve = true })).Grant;
        Assert.Equal(GrantState.Approved, approved.State);
        Assert.Equal(requested.WantedUntil, approved.ExpireTime);
        var readable = await customs.Catalog.ListReadableFactTypesAsync(new ListReadableFactTypesRequest());
        Assert.Equal(requested.Id, readable.FactTypes.Single(t => t.FactType == Headcount).GrantId);
        var granted = await customs.Directory.GetEnterpriseAsync(Read(Nansha));
        Assert.Contains(granted.Enterprise.Facts, f => f.FactType == Headcount);
        Assert.DoesNotContain(Headcount, granted.Enterprise.WithheldFactTypes);

        await hub.Client("hrss").Catalog.RevokeGrantAsync(new RevokeGrantRequest { GrantId = requested.Id, Reason = "inspection closed" });
        var revoked = await customs.Directory.GetEnterpriseAsync(Read(Nansha));
        Assert.DoesNotContain(revoked.Enterprise.Facts, f => f.FactType == Headcount);
        Assert.Contains(Headcount, revoked.Enterprise.WithheldFactTypes);
    }

    [Fact]
    public async Task Grant_PastItsExpiry_HidesTheTypeOnTheNextRequest()
    {
        var court = hub.Client("court");
        var requested = (await court.Catalog.RequestGrantAsync(Request("tax.credit_grade"))).Grant;
        await hub.Client("tax").Catalog.DecideGrantAsync(new DecideGrantRequest
        {
            GrantId = requested.Id, Approve = true, ExpireTime = Timestamp.FromDateTimeOffset(hub.Clock.GetUtcNow().AddDays(1)),
        });
        Assert.Contains((await court.Directory.GetEnterpriseAsync(Read(Nansha))).Enterprise.Facts, f => f.FactType == "tax.credit_grade");

        hub.Clock.Advance(TimeSpan.FromDays(2));

        var expired = await court.Directory.GetEnterpriseAsync(Read(Nansha));
        Assert.Contains("tax.credit_grade", expired.Enterprise.WithheldFactTypes);
        var listed = await court.Catalog.ListGrantRequestsAsync(new ListGrantRequestsRequest());
        Assert.Equal(GrantState.Expired, listed.Grants.Single(g => g.Id == requested.Id).State);
    }

    [Fact]
    public async Task WatchFacts_GrantRevoked_StopsThatTypesEventsFromTheNextOne()
    {
        var court = hub.Client("court");
        var requested = (await court.Catalog.RequestGrantAsync(Request("tax.arrears"))).Grant;
        await hub.Client("tax").Catalog.DecideGrantAsync(new DecideGrantRequest { GrantId = requested.Id, Approve = true });
        var uscc = TestData.NewUscc();
        var first = await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { Arrears(uscc, "arr-w1", 100) } });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = court.Exchange.WatchFacts(new WatchFactsRequest
        {
            AfterSequence = first.Results[0].Sequence - 1, FactTypes = { "tax.arrears", "amr.business_license" }, Usccs = { uscc },
            Purpose = "enforcement case (2026)-8", OfficerId = "court-officer-2",
        }, cancellationToken: timeout.Token);
        Assert.Equal("arr-w1", (await NextFactAsync(call, timeout.Token)).SourceRecordId);

        await hub.Client("tax").Catalog.RevokeGrantAsync(new RevokeGrantRequest { GrantId = requested.Id, Reason = "case closed" });
        await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { Arrears(uscc, "arr-w2", 200) } });
        await hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Licence(uscc, "lic-w1") } });

        // The next event is the licence: the arrears published after the revocation never came.
        Assert.Equal("lic-w1", (await NextFactAsync(call, timeout.Token)).SourceRecordId);
    }

    [Fact]
    public async Task Portal_ActingForItsEnterprise_SeesAllItsFactsButNeverAnothers()
    {
        var portal = hub.Client("portal");
        var own = await portal.Directory.GetEnterpriseAsync(Read(Nansha, actingFor: Nansha));
        Assert.Contains(own.Enterprise.Facts, f => f.FactType == Headcount);
        Assert.Empty(own.Enterprise.WithheldFactTypes);

        var other = await Assert.ThrowsAsync<RpcException>(() => portal.Directory.GetEnterpriseAsync(Read(Qianhai, actingFor: Nansha)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        Assert.Equal("PORTAL_OTHER_ENTERPRISE", other.Reason());

        var batch = await Assert.ThrowsAsync<RpcException>(() => portal.Directory.BatchGetEnterprisesAsync(new BatchGetEnterprisesRequest
        {
            Usccs = { Nansha, Qianhai }, ActingFor = Nansha, Purpose = "self-service", OfficerId = "enterprise-user-1",
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, batch.StatusCode);

        var history = await Assert.ThrowsAsync<RpcException>(() => portal.Directory.GetFactHistoryAsync(new GetFactHistoryRequest
        {
            Uscc = Qianhai, ActingFor = Nansha, Purpose = "self-service", OfficerId = "enterprise-user-1",
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, history.StatusCode);
    }

    [Fact]
    public async Task Portal_WithoutActingFor_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("portal").Directory.GetEnterpriseAsync(Read(Nansha)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("acting_for", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task Portal_Search_PermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("portal").Directory.SearchEnterprisesAsync(
            new SearchEnterprisesRequest { Zone = "nansha", Purpose = "self-service", OfficerId = "enterprise-user-1" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Department_WithActingFor_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory.GetEnterpriseAsync(Read(Nansha, actingFor: Nansha)).ResponseAsync);

        Assert.Equal("acting_for", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task GetFactHistory_AllTypes_LeavesOutAndNamesWhatTheCallerMayNotRead()
    {
        var history = await hub.Client("amr").Directory.GetFactHistoryAsync(new GetFactHistoryRequest
        {
            Uscc = Nansha, Purpose = "case 1", OfficerId = "officer-7",
        });

        Assert.DoesNotContain(history.Facts, f => f.FactType == Headcount);
        Assert.Contains(Headcount, history.WithheldFactTypes);
        Assert.Contains(history.Facts, f => f.FactType == "amr.business_license");
    }

    [Fact]
    public async Task GetFactHistory_TypeTheCallerMayNotRead_PermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Directory.GetFactHistoryAsync(new GetFactHistoryRequest
        {
            Uscc = Nansha, FactType = Headcount, Purpose = "case 1", OfficerId = "officer-7",
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("FACT_TYPE_NOT_READABLE", error.Reason());
    }

    [Fact]
    public async Task GetEnterprise_AsOfBeforeANewerFact_ReturnsTheOlderValue()
    {
        var uscc = TestData.NewUscc();
        var first = await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Grade(uscc, "asof-1", "B") } });
        var knownThen = first.Results[0].PublishTime.ToDateTimeOffset();
        hub.Clock.Advance(TimeSpan.FromHours(1));
        var newer = TestData.Grade(uscc, "asof-2", "D");
        newer.EffectiveTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { newer } });

        var then = Read(uscc);
        then.AsOf = Timestamp.FromDateTimeOffset(knownThen.AddMinutes(1));
        var past = await hub.Client("tax").Directory.GetEnterpriseAsync(then);
        var now = await hub.Client("tax").Directory.GetEnterpriseAsync(Read(uscc));

        Assert.Equal("B", past.Enterprise.Facts.Single().Attributes.Fields["grade"].StringValue);
        Assert.Equal("D", now.Enterprise.Facts.Single().Attributes.Fields["grade"].StringValue);
        var before = Read(uscc);
        before.AsOf = Timestamp.FromDateTimeOffset(knownThen.AddMinutes(-1));
        var none = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory.GetEnterpriseAsync(before).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task PublishFacts_OutsideTheSchema_OneViolationPerProblemAndNothingStored()
    {
        var uscc = TestData.NewUscc();
        var licence = TestData.Licence(uscc, "schema-1");
        licence.Attributes.Fields.Remove("status");
        licence.Attributes.Fields["registered_capital"] = Value.ForString("a lot");
        licence.Attributes.Fields["established"] = Value.ForString("2020-13-01");
        licence.Attributes.Fields["colour"] = Value.ForString("blue");

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Exchange.PublishFactsAsync(
            new PublishFactsRequest { Facts = { licence } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["facts[0].attributes.colour", "facts[0].attributes.established", "facts[0].attributes.registered_capital", "facts[0].attributes.status"],
            error.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal));
        var lookup = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Directory.GetEnterpriseAsync(Read(uscc)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task PublishFacts_TypeNotInTheCatalog_InvalidArgument()
    {
        var draft = TestData.Draft(TestData.NewUscc(), "amr.unknown_register", "x-1", ("a", Value.ForString("b")));

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Exchange.PublishFactsAsync(
            new PublishFactsRequest { Facts = { draft } }).ResponseAsync);

        var violation = Assert.Single(error.FieldViolations());
        Assert.Equal("facts[0].fact_type", violation.Field);
        Assert.Contains("catalog", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeFactType_CompatibleThenBreaking_NewVersionThenFailedPrecondition()
    {
        var catalog = hub.Client("customs").Catalog;
        var current = (await catalog.ListFactTypesAsync(new ListFactTypesRequest())).FactTypes.Single(t => t.Name == "customs.credit_class");
        var extended = current.Clone();
        extended.Fields.Add(new FieldSchema { Name = "assessed", Type = FieldType.Date, Description = "Date of the assessment" });

        var changed = (await catalog.ChangeFactTypeAsync(new ChangeFactTypeRequest { FactType = extended })).FactType;
        Assert.Equal(current.Version + 1, changed.Version);
        var uscc = TestData.NewUscc();
        await hub.Client("customs").Exchange.PublishFactsAsync(new PublishFactsRequest
        {
            Facts = { TestData.Draft(uscc, "customs.credit_class", "cls-1", ("class", Value.ForString("general")), ("assessed", Value.ForString("2026-10-01"))) },
        });

        var breaking = changed.Clone();
        breaking.Fields[0].EnumValues.Remove("dishonest");
        var error = await Assert.ThrowsAsync<RpcException>(() => catalog.ChangeFactTypeAsync(new ChangeFactTypeRequest { FactType = breaking }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("SCHEMA_CHANGE_BREAKING", error.Reason());
    }

    [Fact]
    public async Task ChangeFactType_AnotherDepartmentsType_PermissionDenied()
    {
        var current = (await hub.Client("amr").Catalog.ListFactTypesAsync(new ListFactTypesRequest())).FactTypes.Single(t => t.Name == "tax.arrears");

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Catalog.ChangeFactTypeAsync(
            new ChangeFactTypeRequest { FactType = current }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task ChangeFactType_MalformedDefinition_InvalidArgumentForEachProblem()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Catalog.ChangeFactTypeAsync(new ChangeFactTypeRequest
        {
            FactType = new FactType { Name = "amr.new_register", Fields = { new FieldSchema { Name = "Bad Name", Type = FieldType.Enum } } },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["fact_type.sharing", "fact_type.description_zh", "fact_type.fields[0].name", "fact_type.fields[0].enum_values"],
            error.FieldViolations().Select(v => v.Field));
    }

    [Theory]
    [InlineData("amr.business_license", StatusCode.FailedPrecondition, "FACT_TYPE_NOT_CONDITIONAL")]
    [InlineData("customs.credit_class", StatusCode.FailedPrecondition, "FACT_TYPE_NOT_CONDITIONAL")]
    [InlineData("amr.no_such_type", StatusCode.InvalidArgument, "INVALID_FIELDS")]
    public async Task RequestGrant_TypeThatCannotBeGranted_Refused(string factType, StatusCode code, string reason)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("customs").Catalog.RequestGrantAsync(Request(factType)).ResponseAsync);

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(reason, error.Reason());
    }

    [Fact]
    public async Task RequestGrant_OwnType_FailedPrecondition()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Catalog.RequestGrantAsync(Request("tax.credit_grade")).ResponseAsync);

        Assert.Equal("OWN_FACT_TYPE", error.Reason());
    }

    [Fact]
    public async Task RequestGrant_NoPurposeNoBasisPastExpiry_InvalidArgumentForEach()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Catalog.RequestGrantAsync(new RequestGrantRequest
        {
            FactType = "tax.arrears", WantedUntil = Timestamp.FromDateTimeOffset(hub.Clock.GetUtcNow().AddDays(-1)),
        }).ResponseAsync);

        Assert.Equal(["purpose", "legal_basis", "wanted_until"], error.FieldViolations().Select(v => v.Field));
    }

    [Fact]
    public async Task DecideGrant_ByTheRequesterTwiceOrUnknown_RefusedEachTime()
    {
        var requested = (await hub.Client("amr").Catalog.RequestGrantAsync(Request("tax.arrears"))).Grant;

        var byRequester = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Catalog.DecideGrantAsync(
            new DecideGrantRequest { GrantId = requested.Id, Approve = true }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Catalog.DecideGrantAsync(
            new DecideGrantRequest { GrantId = 999_999, Approve = true }).ResponseAsync);
        var refusedWithoutReason = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Catalog.DecideGrantAsync(
            new DecideGrantRequest { GrantId = requested.Id, Approve = false }).ResponseAsync);
        await hub.Client("tax").Catalog.DecideGrantAsync(new DecideGrantRequest { GrantId = requested.Id, Approve = false, Reason = "no legal basis" });
        var twice = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Catalog.DecideGrantAsync(
            new DecideGrantRequest { GrantId = requested.Id, Approve = true }).ResponseAsync);
        var revokeRefused = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Catalog.RevokeGrantAsync(
            new RevokeGrantRequest { GrantId = requested.Id, Reason = "x" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, byRequester.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("reason", Assert.Single(refusedWithoutReason.FieldViolations()).Field);
        Assert.Equal("GRANT_NOT_PENDING", twice.Reason());
        Assert.Equal("GRANT_NOT_APPROVED", revokeRefused.Reason());
    }

    [Fact]
    public async Task ListReadableFactTypes_Department_OwnAndUnconditionalOnly()
    {
        var readable = await hub.Client("amr").Catalog.ListReadableFactTypesAsync(new ListReadableFactTypesRequest());

        var names = readable.FactTypes.Select(t => t.FactType).ToList();
        Assert.Contains("amr.business_license", names);
        Assert.Contains("court.dishonest_debtor", names);
        Assert.DoesNotContain(Headcount, names);
        Assert.True(readable.FactTypes.Single(t => t.FactType == "amr.business_license").Owned);
    }

    private static FactDraft Arrears(string uscc, string recordId, double amount) =>
        TestData.Draft(uscc, "tax.arrears", recordId, ("amount", Value.ForNumber(amount)), ("currency", Value.ForString("CNY")));

    private static async Task<Fact> NextFactAsync(AsyncServerStreamingCall<WatchFactsResponse> call, CancellationToken cancellationToken)
    {
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            if (call.ResponseStream.Current.EventCase == WatchFactsResponse.EventOneofCase.Fact)
            {
                return call.ResponseStream.Current.Fact;
            }
        }

        throw new InvalidOperationException("the watch ended");
    }

    private static GetEnterpriseRequest Read(string uscc, string actingFor = "") =>
        new() { Uscc = uscc, Purpose = "case (2026)粤0115-17", OfficerId = "officer-7", ActingFor = actingFor };

    private RequestGrantRequest Request(string factType) => new()
    {
        FactType = factType,
        Purpose = "customs clearance credit checks",
        LegalBasis = "Regulation on government data sharing (2025), art. 12",
        WantedUntil = Timestamp.FromDateTimeOffset(hub.Clock.GetUtcNow().AddDays(30)),
    };
}
