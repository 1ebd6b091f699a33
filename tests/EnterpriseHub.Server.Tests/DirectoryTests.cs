using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;
using Grpc.Health.V1;

namespace EnterpriseHub.Server.Tests;

[Collection(HubCollection.Name)]
public sealed class DirectoryTests(HubFixture hub)
{
    private const string Purpose = "integration test";
    private const string Nansha = "91440115MA5HUB013L";

    [Fact]
    public async Task GetEnterprise_DemoEnterprise_ReturnsEveryDepartmentsCurrentFacts()
    {
        var reply = await hub.Client("tax").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = Nansha, Purpose = Purpose, OfficerId = "officer-7" });

        Assert.Equal(Nansha, reply.Enterprise.Uscc);
        Assert.Equal("nansha", reply.Enterprise.Zone);
        Assert.NotEmpty(reply.Enterprise.Name);
        var types = reply.Enterprise.Facts.Select(f => f.FactType).ToList();
        Assert.Contains("amr.business_license", types);
        Assert.Contains("tax.registration", types);
        Assert.Contains("tax.credit_grade", types);
        Assert.DoesNotContain("hrss.insured_headcount", types);
        Assert.Contains("hrss.insured_headcount", reply.Enterprise.WithheldFactTypes);
        Assert.Equal(types.Order(StringComparer.Ordinal), types);
        Assert.All(reply.Enterprise.Facts, f => Assert.Equal(f.FactType.Split('.')[0], f.Publisher));
        Assert.All(reply.Enterprise.Facts, f => Assert.True(f.Sequence > 0));
    }

    [Fact]
    public async Task GetEnterprise_FactTypeFilter_ReturnsOnlyThoseTypes()
    {
        var reply = await hub.Client("tax").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = Nansha, Purpose = Purpose, OfficerId = "officer-7", FactTypes = { "tax.credit_grade" } });

        Assert.Equal("tax.credit_grade", Assert.Single(reply.Enterprise.Facts).FactType);
    }

    [Fact]
    public async Task GetEnterprise_MalformedUscc_InvalidArgumentWithViolationOnUscc()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory
            .GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = "91440115MA5HUB013X", Purpose = Purpose, OfficerId = "officer-7" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.FieldViolations());
        Assert.Equal("uscc", violation.Field);
        Assert.Contains("check character", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEnterprise_UnknownValidUscc_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory
            .GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = TestData.NewUscc(), Purpose = Purpose, OfficerId = "officer-7" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("ENTERPRISE_NOT_FOUND", error.Reason());
    }

    [Fact]
    public async Task GetEnterprise_NoPurpose_InvalidArgumentNamingPurpose()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory
            .GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = Nansha, OfficerId = "officer-7" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("purpose", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task GetEnterprise_EveryProblemAtOnce_OneViolationEach()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory
            .GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = "123", FactTypes = { "Bad Type" } }).ResponseAsync);

        Assert.Equal(["purpose", "officer_id", "uscc", "fact_types[0]"], error.FieldViolations().Select(v => v.Field));
    }

    [Fact]
    public async Task BatchGetEnterprises_MixOfKnownAndUnknown_ReturnsFoundInOrderAndListsMissing()
    {
        var unknown = TestData.NewUscc();
        var reply = await hub.Client("customs").Directory.BatchGetEnterprisesAsync(new BatchGetEnterprisesRequest
        {
            Usccs = { "91440402MA5HUB03XU", unknown, Nansha },
            Purpose = Purpose, OfficerId = "officer-7",
        });

        Assert.Equal(["91440402MA5HUB03XU", Nansha], reply.Enterprises.Select(e => e.Uscc));
        Assert.Equal([unknown], reply.NotFoundUsccs);
    }

    [Fact]
    public async Task BatchGetEnterprises_TooMany_InvalidArgument()
    {
        var request = new BatchGetEnterprisesRequest { Purpose = Purpose, OfficerId = "officer-7" };
        request.Usccs.AddRange(Enumerable.Range(0, 101).Select(_ => Nansha));

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory.BatchGetEnterprisesAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("usccs", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task SearchEnterprises_ByZone_PagesVisitEveryEnterpriseOnceInCodeOrder()
    {
        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await hub.Client("hrss").Directory.SearchEnterprisesAsync(
                new SearchEnterprisesRequest { Zone = "hengqin", PageSize = 7, PageToken = token, Purpose = Purpose, OfficerId = "officer-7" });
            Assert.All(page.Enterprises, e => Assert.Equal("hengqin", e.Zone));
            Assert.All(page.Enterprises, e => Assert.Empty(e.Facts));
            seen.AddRange(page.Enterprises.Select(e => e.Uscc));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Contains("91440402MA5HUB03XU", seen);
        Assert.Equal(seen.Distinct().Order(StringComparer.Ordinal), seen);
        Assert.True(seen.Count >= 40, $"expected the whole demo zone, saw {seen.Count}");
    }

    [Fact]
    public async Task SearchEnterprises_ByNameFragmentAndIndustry_ReturnsOnlyMatches()
    {
        var uscc = TestData.NewUscc("440305");
        await hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest
        {
            Facts = { TestData.Licence(uscc, $"lic-{uscc}", name: "深圳前海独一无二测试有限公司", industry: "M73") },
        });

        var page = await hub.Client("tax").Directory.SearchEnterprisesAsync(new SearchEnterprisesRequest
        {
            NameContains = "独一无二", Industry = "M7", Zone = "qianhai-shekou", Purpose = Purpose, OfficerId = "officer-7",
        });

        var found = Assert.Single(page.Enterprises);
        Assert.Equal(uscc, found.Uscc);
        Assert.Equal("M73", found.Industry);
        Assert.Empty(page.NextPageToken);
    }

    [Theory]
    [InlineData("atlantis", "", "", "zone")]
    [InlineData("", "C-39", "", "industry")]
    [InlineData("", "", "not-a-token", "page_token")]
    public async Task SearchEnterprises_BadCriterion_InvalidArgumentNamingIt(string zone, string industry, string token, string field)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory.SearchEnterprisesAsync(
            new SearchEnterprisesRequest { Zone = zone, Industry = industry, PageToken = token, Purpose = Purpose, OfficerId = "officer-7" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task GetFactHistory_Paged_ReturnsNewestFirstWithoutRepeats()
    {
        var uscc = TestData.NewUscc();
        var request = new PublishFactsRequest();
        request.Facts.AddRange(Enumerable.Range(0, 5).Select(i => TestData.Headcount(uscc, $"hc-{uscc}-{i}", 10 + i)));
        var published = await hub.Client("hrss").Exchange.PublishFactsAsync(request);

        var sequences = new List<long>();
        var token = "";
        do
        {
            var page = await hub.Client("hrss").Directory.GetFactHistoryAsync(
                new GetFactHistoryRequest { Uscc = uscc, PageSize = 2, PageToken = token, Purpose = Purpose, OfficerId = "officer-7" });
            sequences.AddRange(page.Facts.Select(f => f.Sequence));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(published.Results.Select(r => r.Sequence).Reverse(), sequences);
    }

    [Theory]
    [InlineData(-1, "", "page_size")]
    [InlineData(501, "", "page_size")]
    [InlineData(0, "no-such-token", "page_token")]
    public async Task GetFactHistory_BadPaging_InvalidArgumentNamingIt(int pageSize, string token, string field)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory.GetFactHistoryAsync(
            new GetFactHistoryRequest { Uscc = Nansha, PageSize = pageSize, PageToken = token, Purpose = Purpose, OfficerId = "officer-7" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, Assert.Single(error.FieldViolations()).Field);
    }

    [Fact]
    public async Task GetEnterprise_OverlongPurposeAndOfficer_InvalidArgumentForEach()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory.GetEnterpriseAsync(new GetEnterpriseRequest
        {
            Uscc = Nansha, Purpose = new string('p', 501), OfficerId = new string('o', 65),
        }).ResponseAsync);

        Assert.Equal(["purpose", "officer_id"], error.FieldViolations().Select(v => v.Field));
    }

    [Fact]
    public async Task GetFactHistory_UnknownEnterprise_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory.GetFactHistoryAsync(
            new GetFactHistoryRequest { Uscc = TestData.NewUscc(), Purpose = Purpose, OfficerId = "officer-7" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task HealthCheck_RunningHub_Serving()
    {
        var reply = await hub.Client("admin").Health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task AnyCall_WithRequestIdHeader_EchoesItAsCorrelationIdBesideTheHubsRequestId()
    {
        var call = hub.Client("tax").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = Nansha, Purpose = Purpose, OfficerId = "officer-7" },
            new Metadata { { "x-request-id", "case-2026-0042" } });
        await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal("case-2026-0042", headers.GetValue("x-correlation-id"));
        Assert.NotEqual("case-2026-0042", headers.GetValue("x-request-id"));
    }
}
