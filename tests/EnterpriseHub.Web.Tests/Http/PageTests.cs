using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EnterpriseHub.V1;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>Every page over real TLS against the real hub: its language, content, headers, and what the hub records.</summary>
[Collection(WebCollection.Name)]
public sealed partial class PageTests(WebFixture web)
{
    public static TheoryData<string, string, string> Pages => new()
    {
        { "/", "zh-CN", "统一社会信用代码" },
        { "/", "en", "Unified Social Credit Code" },
        { "/data", "zh-CN", "营业执照登记信息" },
        { "/data", "en", "Business licence registration" },
        { "/data?asOf=2020-01-01", "zh-CN", "显示截至 2020-01-01 的数据" },
        { "/data?asOf=2020-01-01", "en", "Showing the data as of 2020-01-01" },
        { "/data/history?type=tax.credit_grade", "zh-CN", "纳税信用等级" },
        { "/data/history?type=tax.credit_grade", "en", "History" },
        { "/reads", "zh-CN", "谁查阅了我的数据" },
        { "/reads", "en", "Who read my data" },
        { "/choose", "zh-CN", "选择要代表的企业" },
        { "/choose", "en", "Choose the enterprise to act for" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_InEachLanguage_RendersItsTextWithTheLanguageDeclared(string path, string culture, string expected)
    {
        using var client = await web.SignedInAsync("li-na", culture);

        using var response = await client.GetAsync(path);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{culture}\">", page, StringComparison.Ordinal);
        Assert.Contains(expected, page, StringComparison.Ordinal);
        Assert.Contains(WebFixture.EnterpriseA, await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_InEnglish_IsServedWithoutSession()
    {
        using var client = web.Browser(null);
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=en|uic=en");

        var page = await client.GetStringAsync("/signin");

        Assert.Contains("Sign in with your digital certificate", page, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_PostEnglish_SwitchesThePageAndReturnsWhereItWas()
    {
        using var client = await web.SignedInAsync("li-na");
        var data = await client.GetStringAsync("/data");

        using var switched = await client.PostAsync("/language", Forms.WithToken(data, ("culture", "en"), ("returnUrl", "/data")));
        var page = await switched.Content.ReadAsStringAsync();

        Assert.Equal("/data", switched.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("<h1>My data</h1>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyData_CurrentFacts_AreGroupedByDepartmentWithTimesAndSharingClass()
    {
        using var client = await web.SignedInAsync("li-na", "en");

        var page = await client.GetStringAsync("/data");

        Assert.Contains("<h2 id=\"dept-amr\">Administration for Market Regulation</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"dept-tax\">Tax bureau</h2>", page, StringComparison.Ordinal);
        Assert.Contains("Shared unconditionally", page, StringComparison.Ordinal);
        Assert.Contains("Shared under conditions", page, StringComparison.Ordinal);
        Assert.Contains("Effective", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/data/history?type=tax.credit_grade\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyData_AsOfADateBeforeEveryPublish_ShowsNoFacts()
    {
        using var client = await web.SignedInAsync("li-na", "en");

        var past = await client.GetStringAsync("/data?asOf=2020-01-01");
        var now = await client.GetStringAsync("/data");

        Assert.DoesNotContain("id=\"dept-amr\"", past, StringComparison.Ordinal);
        Assert.Contains("id=\"dept-amr\"", now, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_EveryPageCall_IsAtTheHubWithThePersonAsOfficerAndThePagesRequestId()
    {
        using var client = await web.SignedInAsync("li-na");

        using var response = await client.GetAsync("/data");
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var log = await web.Hub.Client("admin").Audit.ListAccessAsync(new ListAccessRequest { Uscc = WebFixture.EnterpriseA, PageSize = 100 });

        var record = Assert.Single(log.Records, r => r.CorrelationId == requestId);
        Assert.Equal("portal", record.Department);
        Assert.Equal("EHU-000101", record.OfficerId);
    }

    [Fact]
    public async Task Reads_ThePagesOwnRecords_SayWhatThePageDidInThePagesLanguage()
    {
        using var client = await web.SignedInAsync("li-na");
        await client.GetStringAsync("/notices");

        var page = await client.GetStringAsync("/reads");

        Assert.Contains("<td>本企业查看自己的数据</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>查看通知与提醒</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("enterprise self-service", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>inbox</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_EveryRecord_ShownProvenOrPendingByThePagesOwnCheck()
    {
        using var client = await web.SignedInAsync("li-na");
        await client.GetStringAsync("/notices");

        var page = await client.GetStringAsync("/reads");

        // A record is proven once a checkpoint covers it; one newer than the latest is pending, never refused.
        var rows = Reload.Rows(page);
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Matches("<td class=\"(proven|pending)\" title=\"第 \\d+ 条记录", row));
        Assert.DoesNotContain("class=\"unproven\"", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">审计日志</th>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_Csv_DownloadsEveryReadWithHeaderAndBom()
    {
        using var client = await web.SignedInAsync("li-na");
        await client.GetStringAsync("/data");

        using var response = await client.GetAsync("/reads?handler=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("time,department,officer_id,purpose,fact_types,outcome,request_id\r\n", text, StringComparison.Ordinal);
        Assert.Contains(",portal,EHU-000101,enterprise self-service,", text, StringComparison.Ordinal);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.DispositionType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/data")]
    [InlineData("/reads")]
    [InlineData("/choose")]
    [InlineData("/signin")]
    public async Task Page_Headers_ForbidInlineScriptCachingAndFraming(string path)
    {
        using var client = path == "/signin" ? web.Browser(null) : await web.SignedInAsync("li-na");

        using var response = await client.GetAsync(path);
        var page = await response.Content.ReadAsStringAsync();

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Request-Id").Single());
        Assert.DoesNotMatch(InlineScriptOrStyle(), page);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = await web.SignedInAsync("li-na");

        using var response = await client.PostAsync("/signout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(WebFixture.NameA, await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [GeneratedRegex("<script|<style|\\sstyle=|\\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScriptOrStyle();
}
