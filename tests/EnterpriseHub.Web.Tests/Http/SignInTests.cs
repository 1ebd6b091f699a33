using System.Net;
using EnterpriseHub.Client;
using Grpc.Core;
using Grpc.Health.V1;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>Sign-in with a user certificate on its own port, over real TLS: who gets in, and the session cookie.</summary>
[Collection(WebCollection.Name)]
public sealed class SignInTests(WebFixture web)
{
    [Fact]
    public async Task SignIn_DemoUserCertificate_StartsSessionAndShowsTheEnterprisesOverview()
    {
        using var client = await web.SignedInAsync("li-na");

        var overview = await client.GetStringAsync("/");

        Assert.Contains(WebFixture.NameA, overview, StringComparison.Ordinal);
        Assert.Contains(WebFixture.EnterpriseA, overview, StringComparison.Ordinal);
        Assert.Contains("李娜", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_SessionCookie_IsSecureHttpOnlyStrictAndHostOnly()
    {
        using var client = web.Browser(web.UserCertificate("li-na"), followRedirects: false);

        using var response = await client.GetAsync(web.SignIn);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(new Uri(web.Main, "/"), response.Headers.Location);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-ehweb=", StringComparison.Ordinal));
        var flags = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(f => f.ToLowerInvariant()).ToList();
        Assert.Contains("secure", flags);
        Assert.Contains("httponly", flags);
        Assert.Contains("samesite=strict", flags);
        Assert.Contains("path=/", flags);
        Assert.DoesNotContain(flags, f => f.StartsWith("domain=", StringComparison.Ordinal) || f.StartsWith("expires=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("department")]
    [InlineData("expired")]
    [InlineData("revoked")]
    [InlineData("foreign-ca")]
    [InlineData("none")]
    public async Task SignIn_CertificateTheUserCaDidNotIssueOrNoLongerVouchesFor_IsRefusedAtTheHandshake(string which)
    {
        var certificate = which switch
        {
            "department" => web.DepartmentCertificate("tax"),
            "expired" => web.UserCertificate(WebFixture.Expired.File),
            "revoked" => web.UserCertificate(WebFixture.Revoked.File),
            "foreign-ca" => web.UserCertificate(WebFixture.Foreign.File, web.ForeignUsers),
            _ => null,
        };
        using var client = web.Browser(certificate, followRedirects: false);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(web.SignIn));
    }

    [Theory]
    [InlineData("/data")]
    [InlineData("/reads?handler=csv")]
    [InlineData("/signin")]
    public async Task SignInPort_AnythingButItsOneAddress_IsNotFound(string path)
    {
        using var client = web.Browser(web.UserCertificate("li-na"), followRedirects: false);

        using var response = await client.GetAsync(new Uri(web.SignIn, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Hub_UserCertificate_IsRefused()
    {
        var users = Path.Combine(web.Certs, "enterprise-users");
        using var hub = HubClient.Create(new HubClientOptions
        {
            Address = web.Hub.Address,
            CaCertificatePath = Path.Combine(web.Certs, "ca.crt"),
            CertificatePath = Path.Combine(users, "li-na.crt"),
            KeyPath = Path.Combine(users, "li-na.key"),
            Retry = null,
        });

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await hub.Health.CheckAsync(new HealthCheckRequest()));

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
    }

    [Fact]
    public async Task Pages_WithoutSession_RedirectToTheSignInPageThatLinksToTheSignInPort()
    {
        using var client = web.Browser(null);

        using var response = await client.GetAsync("/data");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal("/signin", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains($"href=\"{web.SignIn}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_Post_EndsTheSession()
    {
        using var client = await web.SignedInAsync("li-na");
        var overview = await client.GetStringAsync("/");

        using var signOut = await client.PostAsync("/signout", Forms.WithToken(overview));
        using var after = await client.GetAsync("/");

        Assert.Equal("/signin", signOut.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/signin", after.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task SignIn_PersonActingForTwoEnterprises_ChoosesOneAndActsForIt()
    {
        using var client = await web.SignedInAsync("chen-jie");

        using var landing = await client.GetAsync("/");
        var choose = await landing.Content.ReadAsStringAsync();
        Assert.Equal("/choose", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains(WebFixture.NameA, choose, StringComparison.Ordinal);
        Assert.Contains(WebFixture.NameHengqin, choose, StringComparison.Ordinal);

        using var chosen = await client.PostAsync("/choose", Forms.WithToken(choose, ("uscc", WebFixture.EnterpriseHengqin)));
        var overview = await chosen.Content.ReadAsStringAsync();

        Assert.Equal("/", chosen.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains($"<h1>{WebFixture.NameHengqin}</h1>", overview, StringComparison.Ordinal);
    }
}
