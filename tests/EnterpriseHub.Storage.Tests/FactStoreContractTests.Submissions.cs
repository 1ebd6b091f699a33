using EnterpriseHub.Core.Forms;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    protected ISubmissionStore SubmissionStore => (ISubmissionStore)Adapter;

    private static FormSubmission Submitted(string uscc, string id, long firstSequence, string officer = "li.na", string caller = "portal") => new(
        caller, id, uscc, "change_of_registered_address", officer, T0.AddMinutes(firstSequence), T0.AddDays(30),
        [new SubmittedFact("amr.declared_address", firstSequence), new SubmittedFact("tax.declared_address", firstSequence + 1)]);

    private async Task<IEnumerable<string>> SubmissionIdsAsync(string uscc, long? before, int limit) =>
        (await SubmissionStore.ListSubmissionsAsync(uscc, before, limit, CancellationToken.None)).Select(s => s.SubmissionId);

    [Fact]
    public async Task AddSubmissionAsync_New_StoredAsGivenAlsoAfterReopen()
    {
        var submission = Submitted(Nansha, "s-1", 10) with { SubmittedAt = T0.AddHours(2).ToOffset(TimeSpan.FromHours(8)) };

        var stored = await SubmissionStore.AddSubmissionAsync(submission, CancellationToken.None);
        await ReopenAsync();
        var listed = Assert.Single(await SubmissionStore.ListSubmissionsAsync(Nansha, null, 10, CancellationToken.None));

        foreach (var found in new[] { stored, listed })
        {
            Assert.Equal(
                (submission.Caller, submission.SubmissionId, submission.Uscc, submission.Form, submission.OfficerId),
                (found.Caller, found.SubmissionId, found.Uscc, found.Form, found.OfficerId));
            Assert.Equal((submission.SubmittedAt.UtcTicks, submission.EffectiveTime.UtcTicks), (found.SubmittedAt.UtcTicks, found.EffectiveTime.UtcTicks));
            Assert.Equal(submission.Targets, found.Targets);
            Assert.Equal(10, found.Sequence);
        }
    }

    [Fact]
    public async Task AddSubmissionAsync_SameCallerAndIdAgain_StoresNothingAndReturnsTheFirst()
    {
        await SubmissionStore.AddSubmissionAsync(Submitted(Nansha, "s-1", 10, officer: "li.na"), CancellationToken.None);

        var again = await SubmissionStore.AddSubmissionAsync(Submitted(Nansha, "s-1", 10, officer: "zhang.wei"), CancellationToken.None);
        var otherCaller = await SubmissionStore.AddSubmissionAsync(Submitted(Nansha, "s-1", 20, caller: "portal-2"), CancellationToken.None);

        Assert.Equal("li.na", again.OfficerId);
        Assert.Equal("portal-2", otherCaller.Caller);
        Assert.Equal(["li.na", "li.na"], (await SubmissionStore.ListSubmissionsAsync(Nansha, null, 10, CancellationToken.None)).Select(s => s.OfficerId));
    }

    [Fact]
    public async Task ListSubmissionsAsync_TheEnterprisesNewestFirst_PagedBeforeASequence()
    {
        foreach (var (uscc, id, sequence) in new[] { (Nansha, "a", 1L), (Zhuhai, "z", 3L), (Nansha, "b", 5L), (Nansha, "c", 7L) })
        {
            await SubmissionStore.AddSubmissionAsync(Submitted(uscc, id, sequence), CancellationToken.None);
        }

        Assert.Equal(["c", "b"], await SubmissionIdsAsync(Nansha, null, 2));
        Assert.Equal(["a"], await SubmissionIdsAsync(Nansha, 5, 2));
        Assert.Empty(await SubmissionIdsAsync(Nansha, 1, 2));
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
