using System.Net;
using EnterpriseHub.V1;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>The credit page: signals with the facts behind them, objections filed once, refusals shown next to their field.</summary>
[Collection(WebCollection.Name)]
public sealed class CreditPageTests(WebFixture web)
{
    private const string Person = "zhang-min";

    [Theory]
    [InlineData("zh-CN", "评价规则版本", "人民法院")]
    [InlineData("en", "Rules version", "People&#x27;s court")]
    public async Task Credit_WithASignal_ShowsLevelRulesVersionAndTheFactBehindIt(string culture, string rulesVersion, string court)
    {
        var record = $"ws-{Guid.NewGuid():N}"[..20];
        await CreditSignals.ListDebtorAsync(web, WebFixture.EnterpriseHengqin, record);
        using var client = await web.SignedInAsync(Person, culture);

        var page = await client.GetStringAsync("/credit");

        Assert.Contains(rulesVersion, page, StringComparison.Ordinal);
        Assert.Contains("dishonest_debtor", page, StringComparison.Ordinal);
        Assert.Contains(record, page, StringComparison.Ordinal);
        Assert.Contains(court, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileObjection_PostedTwiceWithOneId_FilesOneObjectionNamingThePerson()
    {
        var sequence = await CreditSignals.ListDebtorAsync(web, WebFixture.EnterpriseHengqin, $"wo-{Guid.NewGuid():N}"[..20]);
        using var client = await web.SignedInAsync(Person);
        var form = await client.GetStringAsync($"/credit?rule=dishonest_debtor&sequence={sequence}");
        var id = Hidden(form, "ObjectionId");
        var reason = $"已于本月清偿 {Guid.NewGuid():N}";

        foreach (var _ in new[] { 1, 2 })
        {
            using var content = Forms.WithToken(form, ("Rule", "dishonest_debtor"), ("Sequence", $"{sequence}"), ("ObjectionId", id), ("Reason", reason));
            using var response = await client.PostAsync("/credit", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.EndsWith("/credit?filed=True", response.RequestMessage!.RequestUri!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }

        var profile = (await web.Hub.Client("court").Credit.GetCreditProfileAsync(new GetCreditProfileRequest
        {
            Uscc = WebFixture.EnterpriseHengqin, Purpose = "objection check", OfficerId = "judge-1",
        })).Profile;
        var objection = Assert.Single(profile.Objections, o => o.Reason == reason);
        Assert.Equal(id, objection.ObjectionId);
        Assert.Equal(ObjectionState.Pending, objection.State);
        Assert.Contains(reason, await client.GetStringAsync("/credit"), StringComparison.Ordinal);
        var access = await web.Hub.Client("portal").Audit.ListAccessAsync(new ListAccessRequest
        {
            Uscc = WebFixture.EnterpriseHengqin, ActingFor = WebFixture.EnterpriseHengqin, OfficerId = "staff-1", PageSize = 50,
        });
        Assert.Contains(access.Records, r => r.FactTypes.Contains("court.credit_objection") && r.OfficerId == "EHU-000301");
    }

    [Fact]
    public async Task FileObjection_WithoutReason_ShowsTheErrorNextToTheFieldAndFilesNothing()
    {
        var sequence = await CreditSignals.ListDebtorAsync(web, WebFixture.EnterpriseHengqin, $"wr-{Guid.NewGuid():N}"[..20]);
        using var client = await web.SignedInAsync(Person);
        var form = await client.GetStringAsync($"/credit?rule=dishonest_debtor&sequence={sequence}");
        var before = await ObjectionCountAsync();

        using var content = Forms.WithToken(form, ("Rule", "dishonest_debtor"), ("Sequence", $"{sequence}"), ("ObjectionId", Hidden(form, "ObjectionId")), ("Reason", " "));
        using var response = await client.PostAsync("/credit", content);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<p class=\"error-message\" id=\"reason-error\">请填写异议理由。</p>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#reason\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await ObjectionCountAsync());
    }

    [Fact]
    public async Task FileObjection_WithoutAntiforgeryToken_IsRefusedAndFilesNothing()
    {
        var sequence = await CreditSignals.ListDebtorAsync(web, WebFixture.EnterpriseHengqin, $"wa-{Guid.NewGuid():N}"[..20]);
        using var client = await web.SignedInAsync(Person);
        var before = await ObjectionCountAsync();

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Rule"] = "dishonest_debtor", ["Sequence"] = $"{sequence}", ["ObjectionId"] = "no-token-1", ["Reason"] = "forged",
        });
        using var response = await client.PostAsync("/credit", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await ObjectionCountAsync());
    }

    [Fact]
    public async Task FileObjection_AgainstBsSignalWithBsCodeInHiddenFields_FilesNothingForB()
    {
        var ofB = await CreditSignals.ListDebtorAsync(web, WebFixture.EnterpriseB, $"wb-{Guid.NewGuid():N}"[..20]);
        using var client = await web.SignedInAsync("li-na");
        var form = await client.GetStringAsync("/credit");

        using var content = Forms.WithToken(
            form, ("Rule", "dishonest_debtor"), ("Sequence", $"{ofB}"), ("ObjectionId", "cross-1"), ("Reason", "not ours"),
            ("uscc", WebFixture.EnterpriseB), ("acting_for", WebFixture.EnterpriseB), ("ActingFor", WebFixture.EnterpriseB));
        using var response = await client.PostAsync($"/credit?uscc={WebFixture.EnterpriseB}", content);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该事项已不存在", page, StringComparison.Ordinal);
        Assert.DoesNotContain(WebFixture.NameB, page, StringComparison.Ordinal);
        var ofBProfile = (await web.Hub.Client("court").Credit.GetCreditProfileAsync(new GetCreditProfileRequest
        {
            Uscc = WebFixture.EnterpriseB, Purpose = "objection check", OfficerId = "judge-1",
        })).Profile;
        Assert.DoesNotContain(ofBProfile.Objections, o => o.ObjectionId == "cross-1");
    }

    private async Task<int> ObjectionCountAsync() =>
        (await web.Hub.Client("court").Credit.GetCreditProfileAsync(new GetCreditProfileRequest
        {
            Uscc = WebFixture.EnterpriseHengqin, Purpose = "objection check", OfficerId = "judge-1",
        })).Profile.Objections.Count;

    internal static string Hidden(string page, string name)
    {
        var marker = $"name=\"{name}\" value=\"";
        var at = page.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no hidden field {name}");
        var start = at + marker.Length;
        return page[start..page.IndexOf('"', start)];
    }
}
