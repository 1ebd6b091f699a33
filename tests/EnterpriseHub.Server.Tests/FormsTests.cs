using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests;

public sealed class FormsTests(SharingFixture hub) : IClassFixture<SharingFixture>
{
    private const string Form = "change_of_registered_address";
    private const string Nansha = "91440115MA5HUB013L";
    private static readonly string[] Departments = ["amr", "tax", "customs", "hrss"];

    [Fact]
    public async Task Prefill_Department_ShowsProvenanceAndWithholdsWhatItMayNotRead()
    {
        var prefill = await hub.Client("tax").Forms.PrefillAsync(new PrefillRequest
        {
            Uscc = Nansha, Form = Form, Purpose = "address change review", OfficerId = "tax-officer-1",
        });

        var name = prefill.Fields.Single(f => f.Name == "name");
        Assert.Equal("广州南沙海联科技有限公司", name.Value.StringValue);
        Assert.Equal("amr", name.Publisher);
        Assert.Equal(SharingClass.Unconditional, name.Sharing);
        Assert.NotNull(name.PublishTime);
        var headcount = prefill.Fields.Single(f => f.Name == "insured_headcount");
        Assert.True(headcount.Withheld);
        Assert.Null(headcount.Value);
        Assert.Equal(SharingClass.Conditional, headcount.Sharing);
        Assert.Null(prefill.Fields.Single(f => f.Name == "new_address").Value);
    }

    [Fact]
    public async Task Prefill_PortalForItsEnterprise_SeesEveryValue()
    {
        var prefill = await hub.Client("portal").Forms.PrefillAsync(new PrefillRequest
        {
            Uscc = Nansha, ActingFor = Nansha, Form = Form, Purpose = "self-service", OfficerId = "user-1",
        });

        Assert.Equal("hrss", prefill.Fields.Single(f => f.Name == "insured_headcount").Publisher);
        Assert.DoesNotContain(prefill.Fields, f => f.Withheld);
    }

    [Fact]
    public async Task Submit_Once_ReachesEachOwningDepartmentsSubscriptionOnceAndShowsPickUp()
    {
        var names = new Dictionary<string, string>();
        foreach (var department in Departments)
        {
            names[department] = $"addresses-{Guid.NewGuid():N}"[..24];
            await hub.Client(department).Exchange.CreateSubscriptionAsync(new CreateSubscriptionRequest
            {
                Name = names[department], FactTypes = { $"{department}.declared_address" }, Purpose = "declared address changes", OfficerId = "clerk-1",
            });
        }

        var uscc = Nansha;
        var submissionId = $"sub-{Guid.NewGuid():N}";
        var submitted = await hub.Client("portal").Forms.SubmitAsync(Submission(uscc, submissionId));
        Assert.Equal(Departments, submitted.Targets.Select(t => t.Department));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var department in Departments)
        {
            var facts = await ReadUntilQuietAsync(hub.Client(department), names[department], timeout.Token);
            var fact = Assert.Single(facts);
            Assert.Equal($"form:{submissionId}:{department}.declared_address", fact.SourceRecordId);
            Assert.Equal("portal", fact.Publisher);
            Assert.Equal("广州市南沙区海滨路 1 号", fact.Attributes.Fields["new_address"].StringValue);
        }

        var before = await hub.Client("portal").Forms.GetSubmissionAsync(Lookup(uscc, submissionId));
        Assert.DoesNotContain(before.Targets, t => t.PickedUp);
        var amrTarget = submitted.Targets.Single(t => t.Department == "amr");
        await hub.Client("amr").Exchange.AckSubscriptionAsync(new AckSubscriptionRequest { Name = names["amr"], Position = amrTarget.Sequence });
        var after = await hub.Client("portal").Forms.GetSubmissionAsync(Lookup(uscc, submissionId));
        Assert.Equal(["amr"], after.Targets.Where(t => t.PickedUp).Select(t => t.Department));
    }

    [Theory]
    [InlineData("tax.declared_address", "91440305MA5HUB021A", "", false, false)]
    [InlineData("tax.declared_address", "", "hengqin", false, false)]
    [InlineData("tax.declared_address", "", "", true, false)]
    [InlineData("tax.credit_grade", "", "", false, false)]
    [InlineData("tax.declared_address", "", "", false, true)]
    [InlineData("tax.declared_address", Nansha, "nansha", false, true)]
    [InlineData("", "", "", false, true)]
    public async Task GetSubmission_SubscriptionAckedPastTheFact_PickedUpOnlyWhenItCarriedTheFact(
        string factType, string uscc, string zone, bool startAfterTheFact, bool pickedUp)
    {
        var submissionId = $"sub-{Guid.NewGuid():N}";
        var submitted = await hub.Client("portal").Forms.SubmitAsync(Submission(Nansha, submissionId));
        var target = submitted.Targets.Single(t => t.Department == "tax");
        var name = $"pickup-{Guid.NewGuid():N}"[..24];
        await hub.Client("tax").Exchange.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = name,
            FactTypes = { factType.Length > 0 ? [factType] : Array.Empty<string>() },
            Usccs = { uscc.Length > 0 ? [uscc] : Array.Empty<string>() },
            Zone = zone,
            Purpose = "declared address changes",
            OfficerId = "clerk-2",
            StartAfterSequence = startAfterTheFact ? target.Sequence : 0,
        });

        // What the subscription delivers and what GetSubmission reports follow one rule.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var delivered = await ReadUntilQuietAsync(hub.Client("tax"), name, timeout.Token);
        Assert.Equal(pickedUp, delivered.Any(f => f.Sequence == target.Sequence));
        var past = submitted.Targets.Max(t => t.Sequence);
        var acked = await hub.Client("tax").Exchange.AckSubscriptionAsync(new AckSubscriptionRequest { Name = name, Position = past });
        Assert.True(acked.Subscription.AckedPosition >= target.Sequence);

        var lookup = await hub.Client("portal").Forms.GetSubmissionAsync(Lookup(Nansha, submissionId));

        Assert.Equal(pickedUp, lookup.Targets.Single(t => t.Department == "tax").PickedUp);
    }

    [Fact]
    public async Task Submit_SameSubmissionIdAgain_StoresNothingTwice()
    {
        var submissionId = $"sub-{Guid.NewGuid():N}";
        var first = await hub.Client("portal").Forms.SubmitAsync(Submission(Nansha, submissionId));
        var again = await hub.Client("portal").Forms.SubmitAsync(Submission(Nansha, submissionId));

        Assert.Equal(first.Targets.Select(t => t.Sequence), again.Targets.Select(t => t.Sequence));
        var history = await hub.Client("amr").Directory.GetFactHistoryAsync(new GetFactHistoryRequest
        {
            Uscc = Nansha, FactType = "amr.declared_address", Purpose = "check", OfficerId = "o", PageSize = 500,
        });
        Assert.Single(history.Facts, f => f.SourceRecordId == $"form:{submissionId}:amr.declared_address");
    }

    [Fact]
    public async Task Submit_AnswersOutsideTheSchema_EveryProblemOnceAndNothingStored()
    {
        var submissionId = $"sub-{Guid.NewGuid():N}";
        var request = Submission(Nansha, submissionId);
        request.Answers.Fields.Remove("new_address");
        request.Answers.Fields["effective"] = Value.ForString("2026-02-30");
        request.Answers.Fields["colour"] = Value.ForString("blue");

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("portal").Forms.SubmitAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["answers.colour", "answers.effective", "answers.new_address"],
            error.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal));
        var lookup = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("portal").Forms.GetSubmissionAsync(Lookup(Nansha, submissionId)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Theory]
    [InlineData("tax", Nansha, Form, StatusCode.PermissionDenied)]
    [InlineData("portal", "91440305MA5HUB021A", Form, StatusCode.PermissionDenied)]
    [InlineData("portal", Nansha, "no_such_form", StatusCode.NotFound)]
    public async Task Submit_WrongCallerEnterpriseOrForm_Refused(string caller, string actingFor, string form, StatusCode expected)
    {
        var request = Submission(Nansha, $"sub-{Guid.NewGuid():N}");
        request.ActingFor = actingFor;
        request.Form = form;

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client(caller).Forms.SubmitAsync(request).ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
    }

    private static SubmitRequest Submission(string uscc, string submissionId) => new()
    {
        Uscc = uscc,
        ActingFor = uscc,
        Form = Form,
        SubmissionId = submissionId,
        OfficerId = "user-1",
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

    private static GetSubmissionRequest Lookup(string uscc, string submissionId) =>
        new() { Uscc = uscc, ActingFor = uscc, OfficerId = "staff-1", Form = Form, SubmissionId = submissionId };

    /// <summary>Reads a subscription until a heartbeat says nothing more is waiting.</summary>
    private static async Task<List<Fact>> ReadUntilQuietAsync(HubClient client, string name, CancellationToken cancellationToken)
    {
        var facts = new List<Fact>();
        using var call = client.Exchange.ReadSubscription(new ReadSubscriptionRequest { Name = name, HeartbeatSeconds = 1 }, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            if (call.ResponseStream.Current.EventCase == ReadSubscriptionResponse.EventOneofCase.Heartbeat)
            {
                return facts;
            }

            facts.Add(call.ResponseStream.Current.Fact);
        }

        return facts;
    }
}
