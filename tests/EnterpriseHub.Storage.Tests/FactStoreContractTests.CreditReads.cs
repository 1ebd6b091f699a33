using EnterpriseHub.Core.Credit;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    /// <summary>
    /// Nansha B, Nanshan C, Zhuhai D, Shenzhen A and Beijing D in the current generation, of divisions
    /// 440115, 440305, 440402, 440300 and 100000.
    /// </summary>
    private async Task SeedProfilesAsync() => await ApplyAsync(InitialCredit,
    [
        Profile(Nansha, CreditLevel.B, T0.AddDays(3)), Profile(Nanshan, CreditLevel.C, T0.AddDays(1)), Profile(Zhuhai, CreditLevel.D),
        Profile(Shenzhen, CreditLevel.A, T0.AddDays(1)), Profile(Beijing, CreditLevel.D, T0.AddDays(2)),
    ]);

    [Theory]
    [InlineData(CreditLevel.A, new[] { Beijing, Nansha, Shenzhen, Nanshan, Zhuhai })]
    [InlineData(CreditLevel.B, new[] { Beijing, Nansha, Nanshan, Zhuhai })]
    [InlineData(CreditLevel.C, new[] { Beijing, Nanshan, Zhuhai })]
    [InlineData(CreditLevel.D, new[] { Beijing, Zhuhai })]
    public async Task ListCreditProfilesAsync_MinLevel_ThatLevelOrWorseInCodeOrder(CreditLevel minLevel, string[] expected)
    {
        await SeedProfilesAsync();

        Assert.Equal(expected, (await ListAsync(minLevel)).Select(p => p.Uscc));
    }

    [Fact]
    public async Task ListCreditProfilesAsync_Divisions_AnyOfThem_EmptyMeansEvery()
    {
        await SeedProfilesAsync();

        Assert.Equal([Nansha, Zhuhai], (await ListAsync(CreditLevel.B, ["440115", "440402", "440300"])).Select(p => p.Uscc));
        Assert.Empty(await ListAsync(CreditLevel.B, ["999999"]));
        Assert.Equal(4, (await ListAsync(CreditLevel.B, [])).Count);
    }

    [Fact]
    public async Task ListCreditProfilesAsync_Paged_EveryProfileOnceWholeProfiles()
    {
        await SeedProfilesAsync();

        var pages = new List<IReadOnlyList<CreditProfile>>();
        string? after = null;
        do
        {
            pages.Add(await ListAsync(CreditLevel.A, after: after, limit: 2));
            after = pages[^1].Count == 2 ? pages[^1][^1].Uscc : null;
        }
        while (after is not null);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal((await ListAsync(CreditLevel.A)).Select(p => p.Uscc), pages.SelectMany(p => p).Select(p => p.Uscc));
        AssertSameProfile(Profile(Nanshan, CreditLevel.C, T0.AddDays(1)), pages[1][1]);
        Assert.Empty(await ListAsync(CreditLevel.A, limit: 0));
    }

    [Fact]
    public async Task DueCreditProfilesAsync_NextChangeReached_EarliestFirstThenCodeOrder_CurrentGenerationOnly()
    {
        await SeedProfilesAsync();
        await CreditStore.WriteRebuiltProfilesAsync(2, [Profile(Zhuhai, CreditLevel.D, T0)], CancellationToken.None);

        Assert.Empty(await CreditStore.DueCreditProfilesAsync(T0.AddDays(1).AddTicks(-1), 10, CancellationToken.None));
        Assert.Equal([Shenzhen, Nanshan], await CreditStore.DueCreditProfilesAsync(T0.AddDays(1), 10, CancellationToken.None));
        Assert.Equal([Shenzhen, Nanshan, Beijing, Nansha], await CreditStore.DueCreditProfilesAsync(T0.AddYears(1), 10, CancellationToken.None));
        Assert.Equal([Shenzhen, Nanshan, Beijing], await CreditStore.DueCreditProfilesAsync(T0.AddYears(1), 3, CancellationToken.None));
    }

    [Fact]
    public async Task ReadCreditAlertsAsync_AfterASequence_InOrderAtMostTheLimit()
    {
        var first = await ApplyAsync(InitialCredit, [], [.. Enumerable.Range(0, 5).Select(i => NewAlert(Nansha, CreditLevel.A, CreditLevel.B, i))]);

        Assert.Equal([3L, 4L], (await CreditStore.ReadCreditAlertsAsync(2, 2, CancellationToken.None)).Select(a => a.Sequence));
        Assert.Equal(first.Alerts.Skip(3), await CreditStore.ReadCreditAlertsAsync(3, 10, CancellationToken.None));
        Assert.Empty(await CreditStore.ReadCreditAlertsAsync(5, 10, CancellationToken.None));
        Assert.Equal(5, await CreditStore.LastCreditAlertAsync(CancellationToken.None));
        Assert.Equal([0L, 1, 2, 3, 4], (await AllAlertsAsync()).Select(a => a.FactSequence!.Value));
    }

    [Fact]
    public async Task LoadFactsAsync_TheTypesOfTheEnterprises_WholeHistoryInSequenceOrder()
    {
        await SeedDirectoryAsync();
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"B"}""", T0.AddDays(-3), "tax-2"), Draft(Zhuhai, TaxGrade, "{}", T0, "tax-3"));
        await AppendAsync("hrss", Draft(Nansha, Headcount, """{"n":3}""", T0, "hc-1"));
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"C"}""", T0.AddDays(-9), "tax-4"));

        var loaded = await Store.LoadFactsAsync([Nansha, Beijing, Shenzhen], [TaxGrade, Licence], CancellationToken.None);

        var expected = (await AllHistoryAsync(Nansha)).Concat(await AllHistoryAsync(Beijing)).Concat(await AllHistoryAsync(Shenzhen))
            .Where(f => f.FactType is TaxGrade or Licence).OrderBy(f => f.Sequence);
        Assert.Equal(expected, loaded);
        Assert.Equal(5, loaded.Count);
        Assert.Empty(await Store.LoadFactsAsync([Nansha], [], CancellationToken.None));
        Assert.Empty(await Store.LoadFactsAsync([], [TaxGrade], CancellationToken.None));
    }

    [Fact]
    public async Task EnterprisesWithFactsAsync_OfTheTypes_InCodeOrderPaged()
    {
        await SeedDirectoryAsync();
        await AppendAsync("tax", Draft(Zhuhai, TaxGrade, "{}", T0, "tax-3"), Draft(Zhuhai, TaxGrade, "{}", T0.AddDays(1), "tax-4"));
        await AppendAsync("hrss", Draft(Nansha, Headcount, """{"n":3}""", T0, "hc-1"));

        Assert.Equal([Beijing, Nansha, Zhuhai], await Store.EnterprisesWithFactsAsync([TaxGrade, Headcount], null, 10, CancellationToken.None));
        Assert.Equal([Beijing, Nansha], await Store.EnterprisesWithFactsAsync([TaxGrade, Headcount], null, 2, CancellationToken.None));
        Assert.Equal([Zhuhai], await Store.EnterprisesWithFactsAsync([TaxGrade, Headcount], Nansha, 2, CancellationToken.None));
        Assert.Empty(await Store.EnterprisesWithFactsAsync(["court.dishonest_debtor"], null, 10, CancellationToken.None));
        Assert.Equal(5, (await Store.EnterprisesWithFactsAsync([Licence, TaxGrade], null, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task TryLeadCreditAsync_Held_NoSecondLeaderUntilDisposed()
    {
        var lease = await CreditStore.TryLeadCreditAsync(CancellationToken.None);

        Assert.NotNull(lease);
        Assert.Null(await CreditStore.TryLeadCreditAsync(CancellationToken.None));
        await lease.DisposeAsync();
        await lease.DisposeAsync();
        await using var next = await CreditStore.TryLeadCreditAsync(CancellationToken.None);
        Assert.NotNull(next);
        Assert.Null(await CreditStore.TryLeadCreditAsync(CancellationToken.None));
    }
}
