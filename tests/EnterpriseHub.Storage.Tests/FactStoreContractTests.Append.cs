using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    [Fact]
    public async Task AppendAsync_NewFacts_AssignsIncreasingSequencesInDraftOrder()
    {
        var publishTime = T0.AddHours(2);
        var first = await Store.AppendAsync(
            "amr",
            [LicenceDraft(Nansha, "甲", "C39", T0, "r1"), LicenceDraft(Zhuhai, "乙", "G54", T0, "r2")],
            publishTime,
            Audit("amr"),
            CancellationToken.None);
        var second = await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, "r1"));

        Assert.All(first, appended => Assert.False(appended.Duplicate));
        Assert.All(first, appended => Assert.Equal(publishTime, appended.PublishTime));
        Assert.True(first[0].Sequence < first[1].Sequence);
        Assert.True(first[1].Sequence < second[0].Sequence);
        var stored = Assert.Single(await AllHistoryAsync(Zhuhai));
        Assert.Equal(first[1].Sequence, stored.Sequence);
        Assert.Equal("amr", stored.Publisher);
        Assert.Equal("r2", stored.SourceRecordId);
        Assert.Equal(publishTime, stored.PublishTime);
        Assert.Equal(T0, stored.EffectiveTime);
    }

    [Fact]
    public async Task AppendAsync_EmptyBatch_ReturnsNothing()
    {
        var appended = await AppendAsync("amr");

        Assert.Empty(appended);
        Assert.True(await Store.IsEmptyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_SameBatchRetried_ReturnsOriginalSequencesAsDuplicates()
    {
        FactDraft[] batch =
        [
            LicenceDraft(Nansha, "广州南沙海联科技有限公司", "C39", T0, "r1"),
            Draft(Nansha, "amr.annual_report", """{"year":2024}""", T0, "r2"),
        ];
        var original = await Store.AppendAsync("amr", batch, T0.AddHours(1), Audit("amr"), CancellationToken.None);

        var retried = await Store.AppendAsync("amr", batch, T0.AddHours(5), Audit("amr"), CancellationToken.None);

        Assert.All(retried, appended => Assert.True(appended.Duplicate));
        Assert.Equal(original.Select(a => a.Sequence), retried.Select(a => a.Sequence));
        Assert.All(retried, appended => Assert.Equal(T0.AddHours(1), appended.PublishTime));
        Assert.Equal(2, (await AllHistoryAsync(Nansha)).Count);
    }

    [Fact]
    public async Task AppendAsync_BatchMixingStoredAndNewDrafts_StoresOnlyTheNewInDraftOrder()
    {
        var licence = LicenceDraft(Nansha, "广州南沙海联科技有限公司", "C39", T0, "r1");
        var first = await AppendAsync("amr", licence);

        var mixed = await AppendAsync(
            "amr",
            LicenceDraft(Zhuhai, "珠海海联物流有限公司", "G54", T0, "r2"),
            licence,
            LicenceDraft(Shenzhen, "深圳市海联电子有限公司", "C39", T0, "r3"));

        Assert.Equal([false, true, false], mixed.Select(a => a.Duplicate));
        Assert.Equal(first[0].Sequence, mixed[1].Sequence);
        Assert.True(mixed[0].Sequence > first[0].Sequence && mixed[2].Sequence > mixed[0].Sequence);
        var shenzhen = await Store.GetEnterpriseAsync(Shenzhen, CancellationToken.None);
        Assert.Equal("深圳市海联电子有限公司", shenzhen!.Summary.Name);
        Assert.Equal(mixed[2].Sequence, Assert.Single(shenzhen.Facts).Sequence);
        Assert.Equal("G54", (await Store.GetEnterpriseAsync(Zhuhai, CancellationToken.None))!.Summary.Industry);
    }

    [Fact]
    public async Task AppendAsync_AttributesWithEscapesAndAstralCharacters_AreStoredVerbatim()
    {
        const string Attributes = """{"emoji":"😀𠀀","name":"A\"B\\C\n\u0001<&>'+","z":[1.50,null,true]}""";
        var appended = await AppendAsync("tax", Draft(Nansha, TaxGrade, Attributes, T0, "r1"));

        var retried = await AppendAsync("tax", Draft(Nansha, TaxGrade, Attributes, T0, "r1"));

        Assert.True(retried[0].Duplicate);
        Assert.Equal(appended[0].Sequence, retried[0].Sequence);
        Assert.Equal(Attributes, Assert.Single(await AllHistoryAsync(Nansha)).AttributesJson);
    }

    [Fact]
    public async Task AppendAsync_SameRecordIdOfAnotherPublisher_IsANewFact()
    {
        var amr = await AppendAsync("amr", Draft(Nansha, "amr.annual_report", "{}", T0, "r1"));
        var tax = await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, "r1"));

        Assert.False(tax[0].Duplicate);
        Assert.NotEqual(amr[0].Sequence, tax[0].Sequence);
    }

    public static TheoryData<FactDraft> ChangedContent => new()
    {
        Draft(Nansha, TaxGrade, """{"grade":"B"}""", T0, "r1"),
        Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0.AddDays(1), "r1"),
        Draft(Zhuhai, TaxGrade, """{"grade":"A"}""", T0, "r1"),
        Draft(Nansha, "tax.arrears", """{"grade":"A"}""", T0, "r1"),
    };

    [Theory]
    [MemberData(nameof(ChangedContent))]
    public async Task AppendAsync_SameRecordIdOtherContent_ThrowsAndStoresNothingOfTheBatch(FactDraft changed)
    {
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, "r1"));

        var conflict = await Assert.ThrowsAsync<HubConflictException>(() => AppendAsync(
            "tax",
            Draft(Shenzhen, TaxGrade, """{"grade":"C"}""", T0, "r2"),
            changed,
            Draft(Beijing, TaxGrade, """{"grade":"D"}""", T0, "r3")));

        Assert.Contains("r1", conflict.Message);
        Assert.DoesNotContain("grade", conflict.Message);
        Assert.Empty(await AllHistoryAsync(Shenzhen));
        Assert.Empty(await AllHistoryAsync(Beijing));
        Assert.Null(await Store.GetEnterpriseAsync(Shenzhen, CancellationToken.None));
        Assert.Single(await AllHistoryAsync(Nansha));
        var next = await AppendAsync("tax", Draft(Shenzhen, TaxGrade, """{"grade":"C"}""", T0, "r2"));
        Assert.False(next[0].Duplicate);
    }

    [Fact]
    public async Task AppendAsync_DuplicateWithinOneBatch_StoresItOnce()
    {
        var draft = Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, "r1");

        var appended = await AppendAsync("tax", draft, Draft(Zhuhai, TaxGrade, "{}", T0, "r2"), draft);

        Assert.False(appended[0].Duplicate);
        Assert.True(appended[2].Duplicate);
        Assert.Equal(appended[0].Sequence, appended[2].Sequence);
        Assert.Single(await AllHistoryAsync(Nansha));
    }

    [Fact]
    public async Task AppendAsync_ConflictWithinOneBatch_ThrowsAndStoresNothing()
    {
        await Assert.ThrowsAsync<HubConflictException>(() => AppendAsync(
            "tax",
            Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, "r1"),
            Draft(Nansha, TaxGrade, """{"grade":"B"}""", T0, "r1")));

        Assert.True(await Store.IsEmptyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentBatches_AllLandWithUniqueSequences()
    {
        string[] usccs = [Nansha, Nanshan, Zhuhai, Shenzhen, Beijing];
        const int Writers = 6, Batches = 8, BatchSize = 25;

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var sequences = new List<long>();
            for (var b = 0; b < Batches; b++)
            {
                var drafts = Enumerable.Range(0, BatchSize)
                    .Select(i => Draft(usccs[i % usccs.Length], TaxGrade, $$"""{"n":{{i}}}""", T0.AddMinutes(i), $"w{w}-b{b}-{i}"))
                    .ToArray();
                var appended = await Store.AppendAsync("tax", drafts, T0.AddHours(1), Audit("tax"), CancellationToken.None);
                Assert.All(appended, a => Assert.False(a.Duplicate));
                Assert.Equal(appended.Select(a => a.Sequence).Order(), appended.Select(a => a.Sequence));
                sequences.AddRange(appended.Select(a => a.Sequence));
            }

            return sequences;
        })));

        var all = results.SelectMany(s => s).ToList();
        Assert.Equal(Writers * Batches * BatchSize, all.Distinct().Count());
        var stored = 0;
        foreach (var uscc in usccs)
        {
            stored += (await AllHistoryAsync(uscc)).Count;
        }

        Assert.Equal(all.Count, stored);
    }
}
