using System.Net;
using EnterpriseHub.V1;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>The forms pages: prefilled with sources, submitted once under the id rendered into the form, field errors at their field.</summary>
[Collection(WebCollection.Name)]
public sealed class FormPageTests(WebFixture web)
{
    private const string Form = "change_of_registered_address";
    private const string Fill = "/forms/fill?form=" + Form;

    [Theory]
    [InlineData("zh-CN", "可办理的事项", "企业注册地址变更（一表申报）")]
    [InlineData("en", "Forms on offer", "Change of registered address (one form for every department)")]
    public async Task Forms_InEachLanguage_ListsTheFormsOnOffer(string culture, string heading, string title)
    {
        using var client = await web.SignedInAsync("li-na", culture);

        var page = await client.GetStringAsync("/forms");

        Assert.Contains(heading, page, StringComparison.Ordinal);
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Fill}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fill_Prefilled_ShowsEachValueWithItsDepartmentAndAFreshSubmissionId()
    {
        using var client = await web.SignedInAsync("li-na");

        var first = await client.GetStringAsync(Fill);
        var second = await client.GetStringAsync(Fill);

        Assert.Contains(WebFixture.NameA, first, StringComparison.Ordinal);
        Assert.Contains("市场监督管理", first, StringComparison.Ordinal);
        Assert.Contains("name=\"answers.new_address\"", first, StringComparison.Ordinal);
        Assert.NotEqual(CreditPageTests.Hidden(first, "submissionId"), CreditPageTests.Hidden(second, "submissionId"));
    }

    [Fact]
    public async Task Submit_PostedTwiceWithOneId_StoresOneSubmissionForFourDepartments()
    {
        using var client = await web.SignedInAsync("li-na");
        var form = await client.GetStringAsync(Fill);
        var id = CreditPageTests.Hidden(form, "submissionId");
        var address = $"广州市南沙区海滨路 {Guid.NewGuid():N}"[..30];

        foreach (var _ in new[] { 1, 2 })
        {
            using var content = Forms.WithToken(form, ("submissionId", id), ("answers.new_address", address), ("answers.effective", "2026-12-01"), ("answers.reason", "扩大经营"));
            using var response = await client.PostAsync(Fill, content);
            var result = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"/forms/submission?form={Form}&id={id}", response.RequestMessage!.RequestUri!.PathAndQuery);
            Assert.Equal(4, result.Split("<tr class=\"target\">").Length - 1);
        }

        var listed = (await web.Hub.Client("portal").Forms.ListSubmissionsAsync(new ListSubmissionsRequest
        {
            Uscc = WebFixture.EnterpriseA, ActingFor = WebFixture.EnterpriseA, OfficerId = "staff-1", PageSize = 500,
        })).Submissions;
        var stored = Assert.Single(listed, s => s.SubmissionId == id);
        Assert.Equal("EHU-000101", stored.OfficerId);
        Assert.Equal(["amr", "tax", "customs", "hrss"], stored.Targets.Select(t => t.Department));
        var history = await web.Hub.Client("amr").Directory.GetFactHistoryAsync(new GetFactHistoryRequest
        {
            Uscc = WebFixture.EnterpriseA, FactType = "amr.declared_address", Purpose = "address check", OfficerId = "clerk-1", PageSize = 500,
        });
        Assert.Single(history.Facts, f => f.Attributes.Fields["new_address"].StringValue == address);
        Assert.Contains(id, await client.GetStringAsync("/forms"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithoutTheNewAddress_ShowsTheHubsErrorNextToTheFieldAndStoresNothing()
    {
        using var client = await web.SignedInAsync("li-na", "en");
        var form = await client.GetStringAsync(Fill);
        var id = CreditPageTests.Hidden(form, "submissionId");

        using var content = Forms.WithToken(form, ("submissionId", id), ("answers.new_address", ""), ("answers.effective", "2026-12-01"));
        using var response = await client.PostAsync(Fill, content);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<p class=\"error-message\" id=\"answer-new_address-error\">Fill in this field.</p>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#answer-new_address\"", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{id}\"", page, StringComparison.Ordinal);
        var listed = (await web.Hub.Client("portal").Forms.ListSubmissionsAsync(new ListSubmissionsRequest
        {
            Uscc = WebFixture.EnterpriseA, ActingFor = WebFixture.EnterpriseA, OfficerId = "staff-1", PageSize = 500,
        })).Submissions;
        Assert.DoesNotContain(listed, s => s.SubmissionId == id);
    }

    [Fact]
    public async Task Submit_WithoutAntiforgeryToken_IsRefusedAndStoresNothing()
    {
        using var client = await web.SignedInAsync("li-na");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["submissionId"] = "no-token-form", ["answers.new_address"] = "x", ["answers.effective"] = "2026-12-01",
        });

        using var response = await client.PostAsync(Fill, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var listed = (await web.Hub.Client("portal").Forms.ListSubmissionsAsync(new ListSubmissionsRequest
        {
            Uscc = WebFixture.EnterpriseA, ActingFor = WebFixture.EnterpriseA, OfficerId = "staff-1", PageSize = 500,
        })).Submissions;
        Assert.DoesNotContain(listed, s => s.SubmissionId == "no-token-form");
    }

    [Fact]
    public async Task Submit_WithBsCodeInHiddenFieldsAndQuery_StoresForTheSessionsEnterpriseOnly()
    {
        using var client = await web.SignedInAsync("li-na");
        var form = await client.GetStringAsync(Fill);
        var id = CreditPageTests.Hidden(form, "submissionId");

        using var content = Forms.WithToken(
            form, ("submissionId", id), ("answers.new_address", "深圳市前海 1 号"), ("answers.effective", "2026-12-01"),
            ("uscc", WebFixture.EnterpriseB), ("acting_for", WebFixture.EnterpriseB), ("answers.uscc", WebFixture.EnterpriseB));
        using var response = await client.PostAsync($"{Fill}&uscc={WebFixture.EnterpriseB}", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ofB = (await web.Hub.Client("admin").Forms.ListSubmissionsAsync(new ListSubmissionsRequest { Uscc = WebFixture.EnterpriseB, PageSize = 500 })).Submissions;
        var ofA = (await web.Hub.Client("admin").Forms.ListSubmissionsAsync(new ListSubmissionsRequest { Uscc = WebFixture.EnterpriseA, PageSize = 500 })).Submissions;
        Assert.DoesNotContain(ofB, s => s.SubmissionId == id);
        Assert.Contains(ofA, s => s.SubmissionId == id);
    }

    [Fact]
    public async Task Submission_OfAnotherEnterprise_IsNotFound()
    {
        var ofB = $"b-{Guid.NewGuid():N}"[..20];
        await web.Hub.Client("portal").Forms.SubmitAsync(new SubmitRequest
        {
            Uscc = WebFixture.EnterpriseB, ActingFor = WebFixture.EnterpriseB, Form = Form, SubmissionId = ofB, OfficerId = "EHU-000201",
            EffectiveTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
            Answers = new Google.Protobuf.WellKnownTypes.Struct
            {
                Fields = { ["new_address"] = Google.Protobuf.WellKnownTypes.Value.ForString("深圳市前海 2 号"), ["effective"] = Google.Protobuf.WellKnownTypes.Value.ForString("2026-12-01") },
            },
        });
        using var client = await web.SignedInAsync("li-na");

        using var response = await client.GetAsync($"/forms/submission?form={Form}&id={ofB}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(ofB, await client.GetStringAsync("/forms"), StringComparison.Ordinal);
        Assert.DoesNotContain(WebFixture.NameB, page, StringComparison.Ordinal);
    }
}
