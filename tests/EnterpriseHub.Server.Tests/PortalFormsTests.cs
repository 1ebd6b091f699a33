using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests;

/// <summary>
/// What the enterprise's page needs of forms and its data: its submissions (what, when, by whom,
/// where they went), the person behind each submission in its access log, and each fact's sharing class.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class PortalFormsTests(HubFixture hub)
{
    private const string Form = "change_of_registered_address";
    private static readonly string[] Departments = ["amr", "tax", "customs", "hrss"];

    [Fact]
    public async Task ListSubmissions_NewestFirst_SaysWhatWhenWhoAndWhichDepartmentsPickedItUp()
    {
        var uscc = await EnterpriseAsync();
        var subscription = $"portal-{Guid.NewGuid():N}"[..24];
        await hub.Client("amr").Exchange.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = subscription, FactTypes = { "amr.declared_address" }, Usccs = { uscc }, Purpose = "declared address changes", OfficerId = "clerk-1",
        });
        var first = await hub.Client("portal").Forms.SubmitAsync(Submission(uscc, "first", "li.na"));
        await hub.Client("portal").Forms.SubmitAsync(Submission(uscc, "second", "zhang.wei"));
        await hub.Client("amr").Exchange.AckSubscriptionAsync(new AckSubscriptionRequest
        {
            Name = subscription, Position = first.Targets.Single(t => t.Department == "amr").Sequence,
        });

        var listed = (await hub.Client("portal").Forms.ListSubmissionsAsync(List(uscc, uscc))).Submissions;

        Assert.Equal([Id(uscc, "second"), Id(uscc, "first")], listed.Select(s => s.SubmissionId));
        Assert.Equal(["zhang.wei", "li.na"], listed.Select(s => s.OfficerId));
        Assert.All(listed, s => Assert.Equal(Form, s.Form));
        Assert.All(listed, s => Assert.Equal(Departments, s.Targets.Select(t => t.Department)));
        Assert.All(listed, s => Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), s.EffectiveTime.ToDateTimeOffset()));
        Assert.True(listed[0].SubmittedAt.ToDateTimeOffset() >= listed[1].SubmittedAt.ToDateTimeOffset());
        Assert.Equal(first.Targets.Select(t => t.Sequence), listed[1].Targets.Select(t => t.Sequence));
        Assert.Equal(["amr"], listed[1].Targets.Where(t => t.PickedUp).Select(t => t.Department));
        Assert.DoesNotContain(listed[0].Targets, t => t.PickedUp);
    }

    [Fact]
    public async Task ListSubmissions_InPages_EveryPageNewestFirstEachSubmissionOnce()
    {
        var uscc = await EnterpriseAsync();
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            await hub.Client("portal").Forms.SubmitAsync(Submission(uscc, name, "li.na"));
        }

        var page1 = await hub.Client("portal").Forms.ListSubmissionsAsync(List(uscc, uscc, pageSize: 2));
        var page2 = await hub.Client("portal").Forms.ListSubmissionsAsync(List(uscc, uscc, pageSize: 2, pageToken: page1.NextPageToken));

        Assert.Equal([Id(uscc, "p3"), Id(uscc, "p2")], page1.Submissions.Select(s => s.SubmissionId));
        Assert.Equal([Id(uscc, "p1")], page2.Submissions.Select(s => s.SubmissionId));
        Assert.NotEmpty(page1.NextPageToken);
        Assert.Empty(page2.NextPageToken);
    }

    [Fact]
    public async Task ListSubmissions_PortalForA_NeverSeesBsAndIsRefusedNamingB_AdminSeesB()
    {
        var a = await EnterpriseAsync();
        var b = await EnterpriseAsync();
        await hub.Client("portal").Forms.SubmitAsync(Submission(b, "of-b", "li.na"));

        var own = await hub.Client("portal").Forms.ListSubmissionsAsync(List(a, a));
        var named = await Assert.ThrowsAsync<RpcException>(() => hub.Client("portal").Forms.ListSubmissionsAsync(List(b, a)).ResponseAsync);
        var department = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Forms.ListSubmissionsAsync(List(b, "")).ResponseAsync);
        var admin = await hub.Client("admin").Forms.ListSubmissionsAsync(List(b, ""));

        Assert.Empty(own.Submissions);
        Assert.Equal((StatusCode.PermissionDenied, "PORTAL_OTHER_ENTERPRISE"), (named.StatusCode, named.Reason()));
        Assert.Equal((StatusCode.PermissionDenied, "CALLER_NOT_ADMITTED"), (department.StatusCode, department.Reason()));
        Assert.Equal([Id(b, "of-b")], admin.Submissions.Select(s => s.SubmissionId));
    }

    [Fact]
    public async Task ListSubmissions_BadPaging_InvalidArgumentNamingEachField()
    {
        var uscc = await EnterpriseAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("portal").Forms.ListSubmissionsAsync(List(uscc, uscc, pageSize: 501, pageToken: "not-a-token")).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["page_size", "page_token"], error.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Submit_AgainByAnotherPerson_ListedOnceWithTheFirstPerson()
    {
        var uscc = await EnterpriseAsync();
        await hub.Client("portal").Forms.SubmitAsync(Submission(uscc, "twice", "li.na"));
        await hub.Client("portal").Forms.SubmitAsync(Submission(uscc, "twice", "zhang.wei"));

        var listed = (await hub.Client("portal").Forms.ListSubmissionsAsync(List(uscc, uscc))).Submissions;

        Assert.Equal("li.na", Assert.Single(listed).OfficerId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("li\u0007na")]
    [InlineData("an-id-that-is-far-too-long-to-be-a-person-s-id-at-any-enterprise-x")]
    public async Task Submit_WithoutAValidPerson_InvalidArgumentNamingOfficerIdNothingStored(string officerId)
    {
        var uscc = await EnterpriseAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("portal").Forms.SubmitAsync(Submission(uscc, "nobody", officerId)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["officer_id"], error.FieldViolations().Select(v => v.Field));
        Assert.Empty((await hub.Client("portal").Forms.ListSubmissionsAsync(List(uscc, uscc))).Submissions);
    }

    [Fact]
    public async Task Submit_ByAPerson_TheEnterprisesAccessLogNamesThemAndTheForm()
    {
        var uscc = await EnterpriseAsync();
        await hub.Client("portal").Forms.SubmitAsync(Submission(uscc, "logged", "chen.jie"));

        var log = (await hub.Client("portal").Audit.ListAccessAsync(new ListAccessRequest { OfficerId = "staff-1", Uscc = uscc, ActingFor = uscc })).Records;

        var declared = Assert.Single(log, r => r.Action == "declare");
        Assert.Equal(("portal", "chen.jie", $"form:{Form}"), (declared.Department, declared.OfficerId, declared.Purpose));
        Assert.Equal(Departments.Select(d => $"{d}.declared_address").Order(StringComparer.Ordinal), declared.FactTypes);
    }

    [Fact]
    public async Task GetEnterpriseAndGetFactHistory_EachFactCarriesItsTypesSharingClass()
    {
        const string nansha = "91440115MA5HUB013L";
        var sharing = (await hub.Client("portal").Catalog.ListFactTypesAsync(new ListFactTypesRequest())).FactTypes.ToDictionary(t => t.Name, t => t.Sharing);

        var enterprise = (await hub.Client("portal").Directory.GetEnterpriseAsync(new GetEnterpriseRequest
        {
            Uscc = nansha, ActingFor = nansha, Purpose = "own page", OfficerId = "li.na",
        })).Enterprise;
        var history = await hub.Client("portal").Directory.GetFactHistoryAsync(new GetFactHistoryRequest
        {
            Uscc = nansha, ActingFor = nansha, FactType = "hrss.insured_headcount", Purpose = "own page", OfficerId = "li.na",
        });

        Assert.True(enterprise.Facts.Count >= 4);
        Assert.All(enterprise.Facts, f => Assert.Equal(sharing[f.FactType], f.Sharing));
        Assert.Contains(enterprise.Facts, f => f.Sharing == SharingClass.Unconditional);
        Assert.Contains(enterprise.Facts, f => f.Sharing == SharingClass.Conditional);
        Assert.NotEmpty(history.Facts);
        Assert.All(history.Facts, f => Assert.Equal(SharingClass.Conditional, f.Sharing));
    }

    /// <summary>A new enterprise with a business licence, so every test has its own submissions.</summary>
    private async Task<string> EnterpriseAsync()
    {
        var uscc = TestData.NewUscc();
        await hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Licence(uscc, "portal-forms-" + uscc) } });
        return uscc;
    }

    /// <summary>Submission ids are the portal's own across enterprises, so each carries the enterprise's code.</summary>
    private static string Id(string uscc, string name) => $"{name}-{uscc}";

    private static SubmitRequest Submission(string uscc, string name, string officerId) => new()
    {
        Uscc = uscc,
        ActingFor = uscc,
        Form = Form,
        SubmissionId = Id(uscc, name),
        OfficerId = officerId,
        EffectiveTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
        Answers = new Struct
        {
            Fields =
            {
                ["new_address"] = Value.ForString("广州市南沙区海滨路 1 号"),
                ["effective"] = Value.ForString("2026-12-01"),
                ["reason"] = Value.ForString("moved to larger premises"),
            },
        },
    };

    private static ListSubmissionsRequest List(string uscc, string actingFor, int pageSize = 0, string pageToken = "") =>
        new() { Uscc = uscc, ActingFor = actingFor, OfficerId = "staff-1", PageSize = pageSize, PageToken = pageToken };
}
