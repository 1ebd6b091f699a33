using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests;

[Collection(HubCollection.Name)]
public sealed class PublishTests(HubFixture hub)
{
    private const string Purpose = "integration test";

    [Fact]
    public async Task PublishFacts_ThenGetEnterprise_ReturnsTheNewFactWithItsProvenance()
    {
        var uscc = TestData.NewUscc();
        var published = await hub.Client("amr").Exchange.PublishFactsAsync(
            new PublishFactsRequest { Facts = { TestData.Licence(uscc, $"lic-{uscc}", name: "广州南沙海联科技有限公司") } });

        var reply = await hub.Client("tax").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = uscc, Purpose = Purpose, OfficerId = "officer-7" });

        var result = Assert.Single(published.Results);
        Assert.False(result.Duplicate);
        var fact = Assert.Single(reply.Enterprise.Facts);
        Assert.Equal("amr", fact.Publisher);
        Assert.Equal(result.Sequence, fact.Sequence);
        Assert.Equal(result.PublishTime, fact.PublishTime);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), fact.EffectiveTime.ToDateTimeOffset());
        Assert.Equal("广州南沙海联科技有限公司", fact.Attributes.Fields["name"].StringValue);
        Assert.Equal("广州南沙海联科技有限公司", reply.Enterprise.Name);
        Assert.Equal("C39", reply.Enterprise.Industry);
        Assert.Equal("nansha", reply.Enterprise.Zone);
        Assert.Equal("440115", reply.Enterprise.DivisionCode);
    }

    [Fact]
    public async Task PublishFacts_RetriedBatch_ReturnsSameSequencesAndStoresNothingTwice()
    {
        var uscc = TestData.NewUscc();
        var request = new PublishFactsRequest
        {
            Facts = { TestData.Licence(uscc, $"lic-{uscc}"), TestData.Abnormal(uscc, $"ab-{uscc}") },
        };

        var first = await hub.Client("amr").Exchange.PublishFactsAsync(request);
        var retry = await hub.Client("amr").Exchange.PublishFactsAsync(request);

        Assert.Equal(first.Results.Select(r => r.Sequence), retry.Results.Select(r => r.Sequence));
        Assert.Equal(first.Results.Select(r => r.PublishTime), retry.Results.Select(r => r.PublishTime));
        Assert.All(retry.Results, r => Assert.True(r.Duplicate));
        var history = await hub.Client("amr").Directory.GetFactHistoryAsync(new GetFactHistoryRequest { Uscc = uscc, Purpose = Purpose, OfficerId = "officer-7" });
        Assert.Equal(2, history.Facts.Count);
    }

    [Fact]
    public async Task PublishFacts_AttributesInAnotherOrder_CountAsTheSameContent()
    {
        var uscc = TestData.NewUscc();
        var first = TestData.Draft(uscc, "tax.arrears", $"arr-{uscc}", ("amount", Value.ForNumber(12.5)), ("currency", Value.ForString("CNY")));
        var reordered = TestData.Draft(uscc, "tax.arrears", $"arr-{uscc}", ("currency", Value.ForString("CNY")), ("amount", Value.ForNumber(12.5)));

        var stored = await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { first } });
        var again = await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { reordered } });

        Assert.True(again.Results[0].Duplicate);
        Assert.Equal(stored.Results[0].Sequence, again.Results[0].Sequence);
    }

    [Fact]
    public async Task PublishFacts_OneBadFact_RefusesTheBatchWithEveryProblemAndStoresNothing()
    {
        var good = TestData.NewUscc();
        var bad = TestData.Licence("91440115MA5HUB013X", "lic-bad");
        bad.EffectiveTime = null;
        var request = new PublishFactsRequest { Facts = { TestData.Licence(good, $"lic-{good}"), bad } };

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Exchange.PublishFactsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["facts[1].uscc", "facts[1].effective_time"], error.FieldViolations().Select(v => v.Field));
        var lookup = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("amr").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = good, Purpose = Purpose, OfficerId = "officer-7" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Theory]
    [InlineData("", "facts[0].fact_type")]
    [InlineData("AMR.Licence", "facts[0].fact_type")]
    [InlineData("amr", "facts[0].fact_type")]
    public async Task PublishFacts_MalformedFactType_InvalidArgument(string factType, string field)
    {
        var draft = TestData.Draft(TestData.NewUscc(), factType, "x-1");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task PublishFacts_MissingSourceRecordIdAndAttributes_InvalidArgumentForEach()
    {
        var draft = TestData.Draft(TestData.NewUscc(), "amr.business_license", "");
        draft.Attributes = null;

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["facts[0].attributes", "facts[0].source_record_id"], error.FieldViolations().Select(v => v.Field));
    }

    [Fact]
    public async Task PublishFacts_NonFiniteNumber_InvalidArgument()
    {
        var draft = TestData.Draft(TestData.NewUscc(), "tax.arrears", "nan-1", ("amount", Value.ForNumber(double.NaN)));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("facts[0].attributes", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task PublishFacts_TimestampOutOfRange_InvalidArgument()
    {
        var draft = TestData.Grade(TestData.NewUscc(), "ts-1", "A");
        draft.EffectiveTime = new Timestamp { Seconds = 0, Nanos = 1_000_000_000 };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("facts[0].effective_time", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task PublishFacts_OverlongSourceRecordId_InvalidArgument()
    {
        var draft = TestData.Grade(TestData.NewUscc(), new string('r', 129), "A");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } }).ResponseAsync);

        Assert.Equal("facts[0].source_record_id", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task PublishFacts_DuplicateRecordIdWithinBatchWithOtherContent_FailedPrecondition()
    {
        var uscc = TestData.NewUscc();
        var request = new PublishFactsRequest { Facts = { TestData.Grade(uscc, $"dup-{uscc}", "A"), TestData.Grade(uscc, $"dup-{uscc}", "C") } };

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Exchange.PublishFactsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("SOURCE_RECORD_CONFLICT", error.Reason());
    }

    [Fact]
    public async Task PublishFacts_ForeignFactType_PermissionDeniedAndNothingStored()
    {
        var uscc = TestData.NewUscc();
        var request = new PublishFactsRequest
        {
            Facts = { TestData.Grade(uscc, $"g-{uscc}", "A"), TestData.Licence(uscc, $"lic-{uscc}") },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Exchange.PublishFactsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("FACT_TYPE_NOT_OWNED", error.Reason());
        Assert.Contains("amr.business_license", error.Status.Detail, StringComparison.Ordinal);
        var lookup = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("tax").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = uscc, Purpose = Purpose, OfficerId = "officer-7" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task PublishFacts_SameRecordIdWithOtherContent_FailedPreconditionAndBatchNotStored()
    {
        var uscc = TestData.NewUscc();
        var other = TestData.NewUscc();
        await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Grade(uscc, $"g-{uscc}", "A") } });

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest
        {
            Facts = { TestData.Grade(other, $"g-{other}", "B"), TestData.Grade(uscc, $"g-{uscc}", "D") },
        }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var lookup = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("tax").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = other, Purpose = Purpose, OfficerId = "officer-7" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
        var current = await hub.Client("tax").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = uscc, Purpose = Purpose, OfficerId = "officer-7" });
        Assert.Equal("A", current.Enterprise.Facts.Single().Attributes.Fields["grade"].StringValue);
    }

    [Fact]
    public async Task PublishFacts_EmptyBatch_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("facts", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task PublishFacts_OverTheBatchLimit_ResourceExhausted()
    {
        var request = new PublishFactsRequest();
        var uscc = TestData.NewUscc();
        request.Facts.AddRange(Enumerable.Range(0, 5001).Select(i => TestData.Grade(uscc, $"big-{uscc}-{i}", "A")));

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Exchange.PublishFactsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("BATCH_TOO_LARGE", error.Reason());
    }

    [Fact]
    public async Task PublishFacts_NewerEffectiveTime_SupersedesAndHistoryKeepsBoth()
    {
        var uscc = TestData.NewUscc();
        var older = TestData.Grade(uscc, $"g1-{uscc}", "B");
        var newer = TestData.Grade(uscc, $"g2-{uscc}", "D");
        newer.EffectiveTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        // The newer fact arrives first; the older one published later must not replace it.
        await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { newer } });
        await hub.Client("tax").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { older } });

        var current = await hub.Client("tax").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = uscc, Purpose = Purpose, OfficerId = "officer-7" });
        var history = await hub.Client("tax").Directory.GetFactHistoryAsync(
            new GetFactHistoryRequest { Uscc = uscc, FactType = "tax.credit_grade", Purpose = Purpose, OfficerId = "officer-7" });

        Assert.Equal("D", current.Enterprise.Facts.Single().Attributes.Fields["grade"].StringValue);
        Assert.Equal(["B", "D"], history.Facts.Select(f => f.Attributes.Fields["grade"].StringValue));
    }
}
