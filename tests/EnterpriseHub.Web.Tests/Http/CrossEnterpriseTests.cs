using System.Net;
using System.Text.RegularExpressions;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>
/// Signed in as enterprise A, every route with enterprise B's code in the path, the query and
/// the form fields: the page acts for A alone and shows nothing of B.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class CrossEnterpriseTests(WebFixture web)
{
    private const string B = WebFixture.EnterpriseB;

    public static TheoryData<string> Routes => new()
    {
        $"/?uscc={B}",
        $"/?acting_for={B}&actingFor={B}&enterprise={B}",
        $"/{B}",
        $"/data?uscc={B}",
        $"/data?uscc={B}&asOf=2026-12-01",
        $"/data/{B}",
        $"/data/history?type=amr.business_license&uscc={B}",
        $"/data/history?type=amr.business_license&actingFor={B}",
        $"/data/history/{B}?type=amr.business_license",
        $"/reads?uscc={B}",
        $"/reads?handler=csv&uscc={B}",
        $"/reads?handler=csv&actingFor={B}",
        $"/reads/{B}",
        $"/notices?uscc={B}",
        $"/notices?acting_for={B}&actingFor={B}",
        $"/choose?uscc={B}",
        $"/error?uscc={B}",
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Get_WithTheOtherEnterprisesCode_ShowsNothingOfIt(string route)
    {
        using var client = await web.SignedInAsync("li-na");

        using var response = await client.GetAsync(route);
        var body = await response.Content.ReadAsStringAsync();

        AssertNothingOfB(body);
        if (response.StatusCode == HttpStatusCode.OK && response.RequestMessage!.RequestUri!.AbsolutePath is "/" or "/data")
        {
            Assert.Contains(WebFixture.EnterpriseA, body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("uscc")]
    [InlineData("actingFor")]
    [InlineData("acting_for")]
    public async Task Post_ChooseWithTheOtherEnterprisesCodeInAFormField_IsRefusedAndTheSessionStaysOnA(string field)
    {
        using var client = await web.SignedInAsync("li-na");
        var choose = await client.GetStringAsync("/choose");

        using var response = await client.PostAsync("/choose", Forms.WithToken(choose, (field, B)));
        var overview = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertNothingOfB(await response.Content.ReadAsStringAsync());
        Assert.Contains(WebFixture.NameA, overview, StringComparison.Ordinal);
        AssertNothingOfB(overview);
    }

    [Fact]
    public async Task Post_LanguageWithTheOtherEnterprisesCodeAndAForeignReturnUrl_StaysOnThePageAndOnA()
    {
        using var client = await web.SignedInAsync("li-na");
        var overview = await client.GetStringAsync("/");

        using var response = await client.PostAsync(
            "/language", Forms.WithToken(overview, ("culture", "en"), ("returnUrl", "//example.com/"), ("uscc", B)));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(web.Main.Authority, response.RequestMessage!.RequestUri!.Authority);
        Assert.Contains(WebFixture.NameA, body, StringComparison.Ordinal);
        AssertNothingOfB(body);
    }

    [Fact]
    public async Task Post_ChooseFromAPersonOfTwoEnterprisesWithAThird_IsRefused()
    {
        using var client = await web.SignedInAsync("chen-jie");
        var choose = await client.GetStringAsync("/choose");

        using var response = await client.PostAsync("/choose", Forms.WithToken(choose, ("uscc", B)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("/choose", (await client.GetAsync("/")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    private static void AssertNothingOfB(string page)
    {
        // The language switch sends the current address back as its return address: the only place B's code may be echoed.
        var body = ReturnUrlField().Replace(page, string.Empty);
        Assert.DoesNotContain(B, body, StringComparison.Ordinal);
        Assert.DoesNotContain(WebFixture.NameB, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Qianhai Ruitong", body, StringComparison.Ordinal);
        Assert.DoesNotContain("前海", body, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"returnUrl\" value=\"[^\"]*\"")]
    private static partial Regex ReturnUrlField();
}
