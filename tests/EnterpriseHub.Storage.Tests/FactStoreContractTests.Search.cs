using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    private async Task<string[]> SearchAllAsync(string? name, IReadOnlyList<string>? divisions, string? industry)
    {
        var page = await Store.SearchEnterprisesAsync(
            new EnterpriseQuery(name, divisions, industry, 100, null), CancellationToken.None);
        Assert.Null(page.LastUscc);
        return page.Items.Select(e => e.Uscc).ToArray();
    }

    [Fact]
    public async Task SearchEnterprisesAsync_NameFragment_MatchesAnywhereInCodeOrder()
    {
        await SeedDirectoryAsync();

        Assert.Equal([Nansha, Shenzhen, Zhuhai], await SearchAllAsync("海联", null, null));
        Assert.Equal([Nanshan], await SearchAllAsync("南山", null, null));
        Assert.Empty(await SearchAllAsync("不存在", null, null));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("100%_")]
    [InlineData("0%_智")]
    public async Task SearchEnterprisesAsync_FragmentWithLikeWildcards_MatchesThemLiterally(string fragment)
    {
        await SeedDirectoryAsync();

        Assert.Equal([Nanshan], await SearchAllAsync(fragment, null, null));
    }

    [Fact]
    public async Task SearchEnterprisesAsync_DivisionCodes_MatchAnyOfThem()
    {
        await SeedDirectoryAsync();

        Assert.Equal([Nansha, Zhuhai], await SearchAllAsync(null, ["440115", "440402"], null));
        Assert.Equal([Beijing], await SearchAllAsync(null, ["100000"], null));
        Assert.Empty(await SearchAllAsync(null, ["440100"], null));
    }

    [Fact]
    public async Task SearchEnterprisesAsync_IndustryPrefix_MatchesCodesStartingWithIt()
    {
        await SeedDirectoryAsync();

        Assert.Equal([Nansha, Shenzhen, Nanshan], await SearchAllAsync(null, null, "C3"));
        Assert.Equal([Nansha, Shenzhen], await SearchAllAsync(null, null, "C39"));
        Assert.Equal([Zhuhai], await SearchAllAsync(null, null, "G"));
        Assert.Empty(await SearchAllAsync(null, null, "C3*"));
    }

    [Fact]
    public async Task SearchEnterprisesAsync_SeveralCriteria_MustAllHold()
    {
        await SeedDirectoryAsync();

        Assert.Equal([Shenzhen], await SearchAllAsync("海联", ["440300", "440402"], "C"));
    }

    [Fact]
    public async Task SearchEnterprisesAsync_NoCriteria_ListsEnterprisesWithoutLicenceToo()
    {
        await SeedDirectoryAsync();

        var all = await Store.SearchEnterprisesAsync(new EnterpriseQuery(null, null, null, 10, null), CancellationToken.None);

        Assert.Equal([Beijing, Nansha, Shenzhen, Nanshan, Zhuhai], all.Items.Select(e => e.Uscc));
        Assert.Equal(("", ""), (all.Items[0].Name, all.Items[0].Industry));
        Assert.Equal("440115", all.Items[1].DivisionCode);
        Assert.DoesNotContain(Beijing, await SearchAllAsync("海", null, null));
        Assert.DoesNotContain(Beijing, await SearchAllAsync(null, null, "C"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task SearchEnterprisesAsync_Paging_VisitsEveryMatchExactlyOnce(int pageSize)
    {
        await SeedDirectoryAsync();

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await Store.SearchEnterprisesAsync(
                new EnterpriseQuery(null, null, null, pageSize, after), CancellationToken.None);
            Assert.InRange(page.Items.Count, 1, pageSize);
            seen.AddRange(page.Items.Select(e => e.Uscc));
            after = page.LastUscc;
            pages++;
        }
        while (after is not null);

        Assert.Equal([Beijing, Nansha, Shenzhen, Nanshan, Zhuhai], seen);
        Assert.Equal((5 + pageSize - 1) / pageSize, pages);
    }

    [Fact]
    public async Task SearchEnterprisesAsync_NameFragment_FoldsAsciiCaseOnly()
    {
        await AppendAsync(
            "amr",
            LicenceDraft(Nansha, "Hub Tech Éclair", "C39", T0, "lic-1"),
            LicenceDraft(Zhuhai, "HUB Logistics éclair", "G54", T0, "lic-2"));

        Assert.Equal([Nansha, Zhuhai], await SearchAllAsync("hub", null, null));
        Assert.Equal([Nansha], await SearchAllAsync("Éclair", null, null));
        Assert.Equal([Zhuhai], await SearchAllAsync("éclair", null, null));
        Assert.Empty(await SearchAllAsync(null, null, "c3"));
    }
}
