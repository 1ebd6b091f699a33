using System.Net;
using EnterpriseHub.Web.Hosting;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>What the person sees when the hub is down or refuses, and a configuration that cannot work.</summary>
[Collection(WebCollection.Name)]
public sealed class HubFailureTests(WebFixture web)
{
    [Theory]
    [InlineData("zh-CN", "服务暂时不可用")]
    [InlineData("en", "The service is unavailable for now")]
    public async Task Overview_HubUnavailable_ShowsTheOutagePageWithTheRequestId(string culture, string title)
    {
        // A hub address where nothing listens.
        await using var app = await web.StartWebAsync("https://127.0.0.1:1");
        var (main, signIn) = WebFixture.AddressesOf(app);
        using var client = Browser(main, culture);
        await client.GetAsync(signIn);

        using var response = await client.GetAsync("/");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("X-Request-Id").Single(), page, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("zh-CN", "无法完成该请求")]
    [InlineData("en", "This request cannot be done")]
    public async Task Overview_HubRefusesThePortal_ShowsTheRefusalPageWithTheRequestId(string culture, string title)
    {
        // The page holding a department's certificate instead of the portal's: the hub refuses its portal calls.
        await using var app = await web.StartWebAsync(
            web.Hub.Address.ToString(),
            $"--Web:Hub:CertificatePath={Path.Combine(web.Certs, "hrss.crt")}",
            $"--Web:Hub:KeyPath={Path.Combine(web.Certs, "hrss.key")}");
        var (main, signIn) = WebFixture.AddressesOf(app);
        using var client = Browser(main, culture);
        await client.GetAsync(signIn);

        using var response = await client.GetAsync("/");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("X-Request-Id").Single(), page, StringComparison.Ordinal);
        Assert.DoesNotContain("PERMISSION_DENIED", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_BadConfiguration_ReportsEveryProblemAtOnce()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => web.StartWebAsync(
            "http://hub.example",
            "--Web:SignIn:CaPath=/nonexistent/ca.crt",
            "--Web:SessionMinutes=0"));

        Assert.Contains(failure.Failures, f => f.Contains("Web:Hub:Address", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("Web:SignIn:CaPath", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("Web:SessionMinutes", StringComparison.Ordinal));
    }

    private HttpClient Browser(Uri main, string culture)
    {
        var cookies = new CookieContainer();
        cookies.Add(main, new Cookie(".AspNetCore.Culture", $"c={culture}|uic={culture}"));
        return web.Browser(web.UserCertificate("li-na"), main: main, cookies: cookies);
    }
}
