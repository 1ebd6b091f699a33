using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Forms;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    protected ISubmissionStore SubmissionStore => (ISubmissionStore)Adapter;

    /// <summary>Appends a submission's two declared facts with its record, as the forms flow does.</summary>
    private Task<IReadOnlyList<AppendedFact>> SubmitAsync(
        string uscc, string id, string officer = "li.na", string caller = "portal", string address = "南沙区进港大道 1 号") =>
        Store.AppendAsync(
            caller,
            [
                Draft(uscc, "amr.declared_address", $$"""{"new_address":"{{address}}"}""", T0, $"form:{id}:amr.declared_address"),
                Draft(uscc, "tax.declared_address", $$"""{"new_address":"{{address}}"}""", T0, $"form:{id}:tax.declared_address"),
            ],
            T0.AddHours(2).ToOffset(TimeSpan.FromHours(8)), Audit(caller), CancellationToken.None,
            new SubmissionDraft(caller, id, uscc, "change_of_registered_address", officer, T0.AddDays(30)));

    private async Task<IEnumerable<string>> SubmissionIdsAsync(string uscc, long? before, int limit) =>
        (await SubmissionStore.ListSubmissionsAsync(uscc, before, limit, CancellationToken.None)).Select(s => s.SubmissionId);

    [Fact]
    public async Task AppendAsync_WithASubmission_RecordsItWithItsFactsAlsoAfterReopen()
    {
        var facts = await SubmitAsync(Nansha, "s-1");
        await ReopenAsync();
        var listed = Assert.Single(await SubmissionStore.ListSubmissionsAsync(Nansha, null, 10, CancellationToken.None));

        Assert.Equal(("portal", "s-1", Nansha, "change_of_registered_address", "li.na"), (listed.Caller, listed.SubmissionId, listed.Uscc, listed.Form, listed.OfficerId));
        Assert.Equal((T0.AddHours(2).UtcTicks, T0.AddDays(30).UtcTicks), (listed.SubmittedAt.UtcTicks, listed.EffectiveTime.UtcTicks));
        Assert.Equal(
            [new SubmittedFact("amr.declared_address", facts[0].Sequence), new SubmittedFact("tax.declared_address", facts[1].Sequence)],
            listed.Targets);
        Assert.Equal(facts[0].Sequence, listed.Sequence);
    }

    [Fact]
    public async Task AppendAsync_SameCallerAndSubmissionAgain_StoresNothingAndTheFirstStands()
    {
        var first = await SubmitAsync(Nansha, "s-1", officer: "li.na");

        var again = await SubmitAsync(Nansha, "s-1", officer: "zhang.wei");
        var otherCaller = await SubmitAsync(Nansha, "s-1", caller: "portal-2");

        Assert.All(again, a => Assert.True(a.Duplicate));
        Assert.Equal(first.Select(f => f.Sequence), again.Select(a => a.Sequence));
        Assert.All(otherCaller, a => Assert.False(a.Duplicate));
        var listed = await SubmissionStore.ListSubmissionsAsync(Nansha, null, 10, CancellationToken.None);
        Assert.Equal([("portal-2", "li.na"), ("portal", "li.na")], listed.Select(s => (s.Caller, s.OfficerId)));
    }

    [Fact]
    public async Task AppendAsync_SubmissionWhoseFactsConflict_RecordsNeitherFactsNorSubmission()
    {
        await SubmitAsync(Nansha, "s-1");
        var before = await Store.GetEnterpriseAsync(Nansha, CancellationToken.None);

        await Assert.ThrowsAsync<HubConflictException>(() => SubmitAsync(Nansha, "s-1", address: "另一个地址"));
        await Assert.ThrowsAsync<HubConflictException>(() => Store.AppendAsync(
            "portal",
            [
                Draft(Nansha, "amr.declared_address", """{"new_address":"x"}""", T0, "form:s-2:amr.declared_address"),
                Draft(Nansha, "tax.declared_address", """{"new_address":"y"}""", T0, "form:s-1:tax.declared_address"),
            ],
            T0.AddHours(3), Audit("portal"), CancellationToken.None,
            new SubmissionDraft("portal", "s-2", Nansha, "change_of_registered_address", "li.na", T0.AddDays(30))));

        Assert.Equal(["s-1"], await SubmissionIdsAsync(Nansha, null, 10));
        Assert.Equal(before!.Facts.Select(f => f.Sequence), (await Store.GetEnterpriseAsync(Nansha, CancellationToken.None))!.Facts.Select(f => f.Sequence));
    }

    [Fact]
    public async Task ListSubmissionsAsync_TheEnterprisesNewestFirst_PagedBeforeASequence()
    {
        var first = new Dictionary<string, long>();
        foreach (var (uscc, id) in new[] { (Nansha, "a"), (Zhuhai, "z"), (Nansha, "b"), (Nansha, "c") })
        {
            first[id] = (await SubmitAsync(uscc, id))[0].Sequence;
        }

        Assert.Equal(["c", "b"], await SubmissionIdsAsync(Nansha, null, 2));
        Assert.Equal(["a"], await SubmissionIdsAsync(Nansha, first["b"], 2));
        Assert.Empty(await SubmissionIdsAsync(Nansha, first["a"], 2));
        Assert.Equal(["z"], await SubmissionIdsAsync(Zhuhai, null, 10));
        Assert.Empty(await SubmissionIdsAsync(Beijing, null, 10));
        Assert.Empty(await SubmissionIdsAsync(Nansha, null, 0));
    }

    [Fact]
    public async Task DeliverNoticesAsync_AlertCursor_MovesWithTheStateAndSurvivesReopen()
    {
        var advanced = InitialNotices with { AlertCursor = 41 };

        var first = await DeliverAsync(InitialNotices, [], advanced);
        var second = await DeliverAsync(first.State, [], first.State with { AlertCursor = 57, FactCursor = 3 });
        await ReopenAsync();

        Assert.Equal(41, first.State.AlertCursor);
        Assert.Equal(new NoticeState(2, 3, 0, DateTimeOffset.MinValue, 57), second.State);
        Assert.Equal(second.State, await NoticeStore.ReadNoticeStateAsync(CancellationToken.None));
    }
}
