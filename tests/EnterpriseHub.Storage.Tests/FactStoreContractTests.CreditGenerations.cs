using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    [Fact]
    public async Task WriteRebuiltProfilesAsync_NextGeneration_InvisibleUntilTheSwitch()
    {
        var current = (await ApplyAsync(InitialCredit, [Profile(Nansha, CreditLevel.B)], cursor: 10)).State;

        await CreditStore.WriteRebuiltProfilesAsync(2, [Profile(Nansha, CreditLevel.D), Profile(Zhuhai, CreditLevel.C)], CancellationToken.None);
        await CreditStore.WriteRebuiltProfilesAsync(2, [Profile(Zhuhai, CreditLevel.D)], CancellationToken.None);

        Assert.Equal(current, await CreditStore.ReadCreditStateAsync(CancellationToken.None));
        Assert.Equal(CreditLevel.B, (await CreditStore.GetCreditProfileAsync(Nansha, CancellationToken.None))!.Level);
        Assert.Null(await CreditStore.GetCreditProfileAsync(Zhuhai, CancellationToken.None));
        Assert.Equal([Nansha], (await ListAsync(CreditLevel.A)).Select(p => p.Uscc));

        await CreditStore.SwitchCreditGenerationAsync(current, 2, 12, "rules-2", 4, "rules changed", T0, CancellationToken.None);

        Assert.Equal(CreditLevel.D, (await CreditStore.GetCreditProfileAsync(Nansha, CancellationToken.None))!.Level);
        Assert.Equal(CreditLevel.D, (await CreditStore.GetCreditProfileAsync(Zhuhai, CancellationToken.None))!.Level);
    }

    [Fact]
    public async Task WriteRebuiltProfilesAsync_TheCurrentGeneration_ConflictsAndStoresNothing()
    {
        await ApplyAsync(InitialCredit, [Profile(Nansha, CreditLevel.B)]);

        var error = await Assert.ThrowsAsync<HubConflictException>(
            () => CreditStore.WriteRebuiltProfilesAsync(1, [Profile(Nansha, CreditLevel.D)], CancellationToken.None));

        Assert.Equal("CREDIT_STATE_CHANGED", error.Reason);
        Assert.Equal(CreditLevel.B, (await CreditStore.GetCreditProfileAsync(Nansha, CancellationToken.None))!.Level);
    }

    [Fact]
    public async Task SwitchCreditGenerationAsync_MakesItCurrent_AlertsChangedLevelsInCodeOrder_DropsTheOld()
    {
        // Beijing is A in the new generation only, which is no change; Zhuhai is in the old one only.
        var current = (await ApplyAsync(
            InitialCredit,
            [Profile(Nansha, CreditLevel.B), Profile(Nanshan, CreditLevel.C), Profile(Zhuhai, CreditLevel.D)],
            [NewAlert(Nansha, CreditLevel.A, CreditLevel.B)],
            cursor: 30)).State;
        await CreditStore.WriteRebuiltProfilesAsync(
            2,
            [Profile(Nansha, CreditLevel.B), Profile(Nanshan, CreditLevel.A), Profile(Shenzhen, CreditLevel.C), Profile(Beijing, CreditLevel.A)],
            CancellationToken.None);
        var at = T0.AddDays(1).AddTicks(3);

        var switched = await CreditStore.SwitchCreditGenerationAsync(current, 2, 31, "rules-2", 4, "rules changed", at, CancellationToken.None);

        var expected = new[]
        {
            (Uscc: Shenzhen, Before: CreditLevel.A, After: CreditLevel.C),
            (Uscc: Nanshan, Before: CreditLevel.C, After: CreditLevel.A),
            (Uscc: Zhuhai, Before: CreditLevel.D, After: CreditLevel.A),
        };
        Assert.Equal(
            expected.OrderBy(e => e.Uscc, StringComparer.Ordinal)
                .Select((e, i) => new CreditAlert(2 + i, e.Uscc, e.Before, e.After, "rules changed", at, null)),
            switched.Alerts);
        Assert.Equal(new CreditState(2, current.Version + 1, 31, "rules-2", 4), switched.State);
        Assert.Equal(switched.State, await CreditStore.ReadCreditStateAsync(CancellationToken.None));
        Assert.Equal(switched.Alerts, (await AllAlertsAsync()).Skip(1));
        Assert.Null(await CreditStore.GetCreditProfileAsync(Zhuhai, CancellationToken.None));
        Assert.Equal(
            new[] { Nansha, Nanshan, Shenzhen, Beijing }.Order(StringComparer.Ordinal), (await ListAsync(CreditLevel.A)).Select(p => p.Uscc));

        // A third, empty generation: every enterprise not A in the second goes back to A.
        var emptied = await CreditStore.SwitchCreditGenerationAsync(switched.State, 3, 31, "rules-3", 5, "rules changed", at, CancellationToken.None);
        Assert.Equal([(Nansha, CreditLevel.B), (Shenzhen, CreditLevel.C)], emptied.Alerts.Select(a => (a.Uscc, a.Before)));
        Assert.All(emptied.Alerts, a => Assert.Equal(CreditLevel.A, a.After));
        Assert.Empty(await ListAsync(CreditLevel.A));
    }

    [Fact]
    public async Task SwitchCreditGenerationAsync_StaleState_ConflictsAndChangesNothing()
    {
        var current = (await ApplyAsync(InitialCredit, [Profile(Nansha, CreditLevel.B)])).State;
        await CreditStore.WriteRebuiltProfilesAsync(2, [Profile(Nansha, CreditLevel.D)], CancellationToken.None);
        await ApplyAsync(current, [Profile(Nansha, CreditLevel.C)]);

        var error = await Assert.ThrowsAsync<HubConflictException>(() => CreditStore.SwitchCreditGenerationAsync(
            current, 2, 5, "rules-2", 4, "rules changed", T0, CancellationToken.None));

        Assert.Equal("CREDIT_STATE_CHANGED", error.Reason);
        Assert.Equal(1, (await CreditStore.ReadCreditStateAsync(CancellationToken.None)).Generation);
        Assert.Equal(CreditLevel.C, (await CreditStore.GetCreditProfileAsync(Nansha, CancellationToken.None))!.Level);
        Assert.Equal(0, await CreditStore.LastCreditAlertAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ApplyCreditAsync_AfterASwitch_WritesTheNewCurrentGeneration()
    {
        await CreditStore.WriteRebuiltProfilesAsync(2, [Profile(Nansha, CreditLevel.B)], CancellationToken.None);
        var switched = await CreditStore.SwitchCreditGenerationAsync(InitialCredit, 2, 0, "r", 1, "rules changed", T0, CancellationToken.None);

        var applied = await ApplyAsync(switched.State, [Profile(Zhuhai, CreditLevel.C)], [NewAlert(Zhuhai, CreditLevel.A, CreditLevel.C)]);

        Assert.Equal(2, Assert.Single(applied.Alerts).Sequence);
        Assert.Equal(2, applied.State.Generation);
        Assert.Equal([Nansha, Zhuhai], (await ListAsync(CreditLevel.B)).Select(p => p.Uscc));
    }

    private Task<IReadOnlyList<CreditProfile>> ListAsync(
        CreditLevel minLevel, IReadOnlyList<string>? divisions = null, string? after = null, int limit = 100) =>
        CreditStore.ListCreditProfilesAsync(minLevel, divisions, after, limit, CancellationToken.None);
}
