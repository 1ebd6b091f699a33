using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    [Fact]
    public async Task GetEnterpriseAsync_NoFacts_ReturnsNull()
    {
        await SeedDirectoryAsync();

        Assert.Null(await Store.GetEnterpriseAsync("91440101MA5HUB999X", CancellationToken.None));
    }

    [Fact]
    public async Task GetEnterpriseAsync_BackdatedFactPublishedLater_KeepsTheNewerOne()
    {
        var newer = await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0.AddDays(10), "r1"));
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"C"}""", T0, "r2"));

        var record = await Store.GetEnterpriseAsync(Nansha, CancellationToken.None);

        var current = Assert.Single(record!.Facts);
        Assert.Equal(newer[0].Sequence, current.Sequence);
        Assert.Equal("""{"grade":"A"}""", current.AttributesJson);
        Assert.Equal(2, (await AllHistoryAsync(Nansha)).Count);
    }

    [Fact]
    public async Task GetEnterpriseAsync_NewerEffectiveTime_ReplacesTheCurrentFact()
    {
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, "r1"));
        var newer = await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"B"}""", T0.AddDays(1), "r2"));
        var sameTimeLater = await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"M"}""", T0.AddDays(1), "r3"));

        var record = await Store.GetEnterpriseAsync(Nansha, CancellationToken.None);

        var current = Assert.Single(record!.Facts);
        Assert.True(sameTimeLater[0].Sequence > newer[0].Sequence);
        Assert.Equal(sameTimeLater[0].Sequence, current.Sequence);
        Assert.Equal("""{"grade":"M"}""", current.AttributesJson);
    }

    [Fact]
    public async Task GetEnterpriseAsync_SeveralTypes_HoldsOneCurrentFactPerTypeOrderedByType()
    {
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, "t1"));
        await AppendAsync("hrss", Draft(Nansha, Headcount, """{"count":12}""", T0, "h1"));
        await AppendAsync("amr", LicenceDraft(Nansha, "广州南沙海联科技有限公司", "C39", T0, "l1"));
        await AppendAsync("hrss", Draft(Nansha, Headcount, """{"count":15}""", T0.AddDays(30), "h2"));

        var record = await Store.GetEnterpriseAsync(Nansha, CancellationToken.None);

        Assert.Equal([Licence, Headcount, TaxGrade], record!.Facts.Select(f => f.FactType));
        Assert.Equal("""{"count":15}""", record.Facts[1].AttributesJson);
        Assert.All(record.Facts, f => Assert.Equal(Nansha, f.Uscc));
    }

    [Fact]
    public async Task GetEnterpriseAsync_WithoutLicence_HasEmptyNameAndIndustry()
    {
        await AppendAsync("tax", Draft(Beijing, TaxGrade, """{"grade":"A"}""", T0, "t1"));

        var record = await Store.GetEnterpriseAsync(Beijing, CancellationToken.None);

        Assert.Equal(new Core.Enterprises.EnterpriseSummary(Beijing, "", ""), record!.Summary);
        Assert.Single(record.Facts);
    }

    [Fact]
    public async Task GetEnterpriseAsync_LicenceChanges_NameAndIndustryFollowTheCurrentLicence()
    {
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, "t1"));
        await AppendAsync("amr", LicenceDraft(Nansha, "广州南沙海联科技有限公司", "C39", T0, "l1"));
        await AppendAsync("amr", LicenceDraft(Nansha, "广州南沙海联智能科技有限公司", "C40", T0.AddDays(100), "l2"));
        await AppendAsync("amr", LicenceDraft(Nansha, "旧名称有限公司", "A01", T0.AddDays(-100), "l0"));

        var record = await Store.GetEnterpriseAsync(Nansha, CancellationToken.None);
        var found = await Store.SearchEnterprisesAsync(
            new EnterpriseQuery("智能", null, "C4", 10, null), CancellationToken.None);

        Assert.Equal("广州南沙海联智能科技有限公司", record!.Summary.Name);
        Assert.Equal("C40", record.Summary.Industry);
        Assert.Equal(Nansha, Assert.Single(found.Items).Uscc);
    }

    [Fact]
    public async Task GetEnterprisesAsync_KeepsTheOrderAskedAndSkipsUnknownCodes()
    {
        await SeedDirectoryAsync();

        var records = await Store.GetEnterprisesAsync(
            [Zhuhai, "91440101MA5HUB999X", Beijing, Nansha], CancellationToken.None);

        Assert.Equal([Zhuhai, Beijing, Nansha], records.Select(r => r.Summary.Uscc));
        Assert.Equal("珠海海联物流有限公司", records[0].Summary.Name);
        Assert.Equal(TaxGrade, Assert.Single(records[1].Facts).FactType);
        Assert.All(records, r => Assert.All(r.Facts, f => Assert.Equal(r.Summary.Uscc, f.Uscc)));
        Assert.Empty(await Store.GetEnterprisesAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task GetFactHistoryAsync_Paging_ReturnsNewestFirstAndEveryFactOnce()
    {
        var sequences = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            var type = i % 2 == 0 ? TaxGrade : "tax.arrears";
            var appended = await AppendAsync("tax", Draft(Nansha, type, $$"""{"n":{{i}}}""", T0.AddDays(-i), $"r{i}"));
            sequences.Add(appended[0].Sequence);
        }

        await AppendAsync("tax", Draft(Zhuhai, TaxGrade, "{}", T0, "other"));

        var seen = new List<long>();
        long? before = null;
        var pages = 0;
        do
        {
            var page = await Store.GetFactHistoryAsync(new FactHistoryQuery(Nansha, null, 3, before), CancellationToken.None);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(f => f.Sequence));
            before = page.NextBeforeSequence;
            pages++;
        }
        while (before is not null);

        Assert.Equal(3, pages);
        Assert.Equal(sequences.AsEnumerable().Reverse(), seen);
        var taxOnly = await AllHistoryAsync(Nansha, TaxGrade);
        Assert.Equal([sequences[6], sequences[4], sequences[2], sequences[0]], taxOnly.Select(f => f.Sequence));
        var exact = await Store.GetFactHistoryAsync(new FactHistoryQuery(Nansha, TaxGrade, 4, null), CancellationToken.None);
        Assert.Null(exact.NextBeforeSequence);
    }
}
