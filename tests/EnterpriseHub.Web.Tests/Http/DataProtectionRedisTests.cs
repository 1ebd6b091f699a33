using System.Net;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>Several instances of the page behind a load balancer: cookie keys in Redis (the server ./test.sh starts).</summary>
[Collection(WebCollection.Name)]
public sealed class DataProtectionRedisTests(WebFixture web)
{
    [Fact]
    public async Task Session_Redis_KeysShared_SessionFromOneInstanceIsReadByAnother()
    {
        var redis = Environment.GetEnvironmentVariable("HUB_TEST_REDIS");
        if (string.IsNullOrEmpty(redis))
        {
            throw new InvalidOperationException("HUB_TEST_REDIS is not set: this test needs Redis; run it through ./test.sh, which starts it.");
        }

        var prefix = Guid.NewGuid().ToString("N");
        await using var first = await web.StartWebAsync(
            web.Hub.Address.ToString(), $"--Web:DataProtection:Redis={redis}", $"--Web:DataProtection:KeysFolder={Path.Combine(web.Hub.Root, prefix, "a")}");
        await using var second = await web.StartWebAsync(
            web.Hub.Address.ToString(), $"--Web:DataProtection:Redis={redis}", $"--Web:DataProtection:KeysFolder={Path.Combine(web.Hub.Root, prefix, "b")}");
        var (firstMain, firstSignIn) = WebFixture.AddressesOf(first);
        var (secondMain, _) = WebFixture.AddressesOf(second);
        var cookies = new CookieContainer();
        using var client = web.Browser(web.UserCertificate("li-na"), main: firstMain, cookies: cookies);
        (await client.GetAsync(firstSignIn)).EnsureSuccessStatusCode();

        // The same cookies (cookies are per host, not per port) at the other instance.
        using var response = await client.GetAsync(new Uri(secondMain, "/"));

        Assert.Equal(secondMain.Port, response.RequestMessage!.RequestUri!.Port);
        Assert.Equal("/", response.RequestMessage.RequestUri.AbsolutePath);
        Assert.Contains(WebFixture.NameA, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
