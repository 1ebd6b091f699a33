using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Tests.Facts;

public sealed class AppendPlanTests
{
    private const string Uscc = "91310000MA1FL0000X";
    private static readonly DateTimeOffset Effective = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = new(2024, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Classify_NothingStored_AllFreshNumberedFromFirstSequence()
    {
        var drafts = new[] { Draft("r1"), Draft("r2"), Draft("r3") };

        var plan = AppendPlan.Classify(drafts, NothingStored, firstSequence: 41, Now);

        Assert.Equal(drafts, plan.Fresh);
        Assert.Equal([41L, 42L, 43L], plan.Results.Select(r => r.Sequence));
        Assert.All(plan.Results, r => Assert.False(r.Duplicate));
        Assert.All(plan.Results, r => Assert.Equal(Now, r.PublishTime));
        Assert.Equal(41, plan.FirstSequence);
        Assert.Equal(43, plan.LastSequence);
    }

    [Fact]
    public void Classify_PublishTimeWithOffset_StampsUtc()
    {
        var local = new DateTimeOffset(2024, 5, 6, 15, 8, 9, TimeSpan.FromHours(8));

        var plan = AppendPlan.Classify([Draft("r1")], NothingStored, 1, local);

        Assert.Equal(TimeSpan.Zero, plan.Results[0].PublishTime.Offset);
        Assert.Equal(local.UtcTicks, plan.Results[0].PublishTime.UtcTicks);
    }

    [Fact]
    public void Classify_StoredWithSameContent_IsDuplicateOfTheStoredFact()
    {
        var drafts = new[] { Draft("r1"), Draft("r2") };

        var plan = AppendPlan.Classify(drafts, i => i == 0 ? new StoredRecord(7, Earlier, SameContent: true) : null, 100, Now);

        Assert.Equal(new AppendedFact(7, Earlier, Duplicate: true), plan.Results[0]);
        Assert.Equal(new AppendedFact(100, Now, Duplicate: false), plan.Results[1]);
        Assert.Equal([drafts[1]], plan.Fresh);
    }

    [Fact]
    public void Classify_StoredWithOtherContent_RefusesTheBatch()
    {
        var drafts = new[] { Draft("r1"), Draft("r2") };

        var conflict = Assert.Throws<HubConflictException>(
            () => AppendPlan.Classify(drafts, i => i == 1 ? new StoredRecord(7, Earlier, SameContent: false) : null, 100, Now));

        Assert.Equal("SOURCE_RECORD_CONFLICT", conflict.Reason);
        Assert.Contains("'r2'", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_RepeatWithinBatch_IsDuplicateOfTheFirstOccurrence()
    {
        var drafts = new[] { Draft("r1"), Draft("r2"), Draft("r1") };

        var plan = AppendPlan.Classify(drafts, NothingStored, 10, Now);

        Assert.Equal(new AppendedFact(10, Now, Duplicate: true), plan.Results[2]);
        Assert.False(plan.Results[0].Duplicate);
        Assert.Equal([drafts[0], drafts[1]], plan.Fresh);
    }

    [Fact]
    public void Classify_RepeatWithinBatchWithOtherContent_RefusesTheBatch()
    {
        var drafts = new[] { Draft("r1"), Draft("r1", attributes: """{"x":2}""") };

        var conflict = Assert.Throws<HubConflictException>(() => AppendPlan.Classify(drafts, NothingStored, 10, Now));

        Assert.Equal("SOURCE_RECORD_CONFLICT", conflict.Reason);
    }

    [Fact]
    public void Classify_RepeatOfStoredRecord_EachOccurrenceReportsTheStoredFact()
    {
        var drafts = new[] { Draft("r1"), Draft("r1") };

        var plan = AppendPlan.Classify(drafts, _ => new StoredRecord(3, Earlier, SameContent: true), 10, Now);

        Assert.All(plan.Results, r => Assert.Equal(new AppendedFact(3, Earlier, Duplicate: true), r));
        Assert.Empty(plan.Fresh);
        Assert.Equal(9, plan.LastSequence);
    }

    [Fact]
    public void Classify_FreshAmongDuplicates_TakeConsecutiveSequencesInDraftOrder()
    {
        var drafts = new[] { Draft("a"), Draft("stored"), Draft("b"), Draft("a"), Draft("c") };

        var plan = AppendPlan.Classify(drafts, i => i == 1 ? new StoredRecord(2, Earlier, SameContent: true) : null, 5, Now);

        Assert.Equal([5L, 2L, 6L, 5L, 7L], plan.Results.Select(r => r.Sequence));
        Assert.Equal([false, true, false, true, false], plan.Results.Select(r => r.Duplicate));
        Assert.Equal(["a", "b", "c"], plan.Fresh.Select(d => d.SourceRecordId));
    }

    [Theory]
    [InlineData("91310000MA1FL0001X", "amr.business_license", """{"x":1}""", 0, false)]
    [InlineData(Uscc, "tax.credit_grade", """{"x":1}""", 0, false)]
    [InlineData(Uscc, "amr.business_license", """{"x":2}""", 0, false)]
    [InlineData(Uscc, "amr.business_license", """{"x":1}""", 1, false)]
    [InlineData(Uscc, "amr.business_license", """{"x":1}""", 0, true)]
    public void SameContent_ComparesEveryFieldButTheRecordId(string uscc, string factType, string attributes, int laterTicks, bool same)
    {
        var other = new FactDraft(uscc, factType, attributes, Effective.AddTicks(laterTicks), "another-record");

        Assert.Equal(same, AppendPlan.SameContent(Draft("r1"), other));
    }

    [Fact]
    public void SameContent_SameInstantInAnotherOffset_IsSame() =>
        Assert.True(AppendPlan.SameContent(Draft("r1"), Draft("r1") with { EffectiveTime = Effective.ToOffset(TimeSpan.FromHours(8)) }));

    [Theory]
    [InlineData("", "stored 2, duplicates 1")]
    [InlineData("form f-1", "form f-1; stored 2, duplicates 1")]
    public void Audited_AddsWhatWasStoredToTheDetail(string detail, string expected)
    {
        var plan = AppendPlan.Classify([Draft("r1"), Draft("r2"), Draft("r1")], NothingStored, 1, Now);
        var entry = new AuditEntry(Now, "amr", "", AuditActions.Publish, [Uscc], ["amr.business_license"], "", "req-1", "ok", detail);

        var audited = plan.Audited(entry);

        Assert.Equal(expected, audited.Detail);
        Assert.Equal(entry with { Detail = expected }, audited);
    }

    [Fact]
    public void NamedEnterprises_ReadsNameAndIndustryFromTheLicencesThatBecameCurrent()
    {
        var drafts = new[]
        {
            Draft("r1"),
            new FactDraft("91310000MA1FL0002X", EnterpriseIdentity.LicenceFactType, """{"industry":"C13","name":"Acme"}""", Effective, "r2"),
            new FactDraft("91310000MA1FL0003X", EnterpriseIdentity.LicenceFactType, """{"name":"Beta"}""", Effective, "r3"),
        };
        var plan = AppendPlan.Classify(drafts, NothingStored, 20, Now);

        var named = plan.NamedEnterprises([22, 21]);

        Assert.Equal(
            [new EnterpriseSummary("91310000MA1FL0003X", "Beta", ""), new EnterpriseSummary("91310000MA1FL0002X", "Acme", "C13")],
            named);
    }

    [Fact]
    public void NamingSequences_FreshFactsOfSeveralTypes_OnlyTheLicencesAndNoDuplicate()
    {
        var drafts = new[]
        {
            new FactDraft(Uscc, "tax.credit_grade", """{"grade":"A"}""", Effective, "t1"),
            Draft("r1"),
            new FactDraft(Uscc, "hrss.insured_headcount", """{"count":3}""", Effective, "h1"),
            Draft("r2"),
        };
        var plan = AppendPlan.Classify(drafts, i => i == 1 ? new StoredRecord(7, Earlier, SameContent: true) : null, 50, Now);

        Assert.Equal([52L], plan.NamingSequences());
    }

    [Fact]
    public void NamedEnterprises_CurrentFactsThatDoNotName_LeaveTheDirectoryAlone()
    {
        var drafts = new[]
        {
            new FactDraft(Uscc, "tax.credit_grade", """{"name":"Not a name","industry":"X"}""", Effective, "t1"),
            Draft("r1", """{"industry":"C13","name":"Acme"}"""),
        };
        var plan = AppendPlan.Classify(drafts, NothingStored, 20, Now);

        var named = plan.NamedEnterprises([20, 21]);

        Assert.Equal([new EnterpriseSummary(Uscc, "Acme", "C13")], named);
    }

    private static StoredRecord? NothingStored(int index) => null;

    private static FactDraft Draft(string recordId, string attributes = """{"x":1}""") =>
        new(Uscc, EnterpriseIdentity.LicenceFactType, attributes, Effective, recordId);
}
