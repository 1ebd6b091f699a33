using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    protected static readonly CreditState InitialCredit = new(1, 0, 0, "", 0);

    protected ICreditStore CreditStore => (ICreditStore)Adapter;

    protected static CreditProfile Profile(string uscc, CreditLevel level, DateTimeOffset? nextChange = null, params CreditSignal[] signals) =>
        new(uscc, level, signals.Sum(s => s.Weight), signals, nextChange, RulesVersion: 3);

    protected static CreditSignal Signal(string rule, long sequence, DateTimeOffset? endsAt = null) =>
        new(rule, Severity.High, 12.50m, $"rule {rule}", new FactRef(TaxGrade, "tax", $"rec-{sequence}", sequence, T0, T0.AddHours(1)), endsAt);

    protected static NewCreditAlert NewAlert(string uscc, CreditLevel before, CreditLevel after, long? factSequence = 7) =>
        new(uscc, before, after, "fact arrived", T0.AddMinutes(5), factSequence);

    protected Task<CreditApplied> ApplyAsync(
        CreditState expected, IReadOnlyList<CreditProfile> profiles, IReadOnlyList<NewCreditAlert>? alerts = null, long? cursor = null) =>
        CreditStore.ApplyCreditAsync(expected, profiles, alerts ?? [], cursor, CancellationToken.None);

    private async Task<List<CreditAlert>> AllAlertsAsync() => [.. await CreditStore.ReadCreditAlertsAsync(0, 1000, CancellationToken.None)];

    [Fact]
    public async Task ReadCreditStateAsync_NewStore_GenerationOneVersionZeroNothingApplied()
    {
        Assert.Equal(InitialCredit, await CreditStore.ReadCreditStateAsync(CancellationToken.None));
        Assert.Equal(0, await CreditStore.LastCreditAlertAsync(CancellationToken.None));
        Assert.Null(await CreditStore.GetCreditProfileAsync(Nansha, CancellationToken.None));
    }

    [Fact]
    public async Task ApplyCreditAsync_ProfilesAndAlerts_StoredWithGaplessSequencesAndTheCursorMoves()
    {
        var first = await ApplyAsync(
            InitialCredit, [Profile(Nansha, CreditLevel.C), Profile(Zhuhai, CreditLevel.B)],
            [NewAlert(Nansha, CreditLevel.A, CreditLevel.C), NewAlert(Zhuhai, CreditLevel.A, CreditLevel.B, factSequence: null)], cursor: 40);
        var second = await ApplyAsync(first.State, [Profile(Nansha, CreditLevel.D)], [NewAlert(Nansha, CreditLevel.C, CreditLevel.D)]);
        var third = await ApplyAsync(second.State, [], [], cursor: 55);

        Assert.Equal([1L, 2L], first.Alerts.Select(a => a.Sequence));
        Assert.Equal(new CreditAlert(2, Zhuhai, CreditLevel.A, CreditLevel.B, "fact arrived", T0.AddMinutes(5), null), first.Alerts[1]);
        Assert.Equal(InitialCredit with { Version = 1, FactCursor = 40 }, first.State);
        Assert.Equal(3, Assert.Single(second.Alerts).Sequence);
        Assert.Equal(InitialCredit with { Version = 2, FactCursor = 40 }, second.State);
        Assert.Empty(third.Alerts);
        Assert.Equal(InitialCredit with { Version = 3, FactCursor = 55 }, third.State);
        Assert.Equal(third.State, await CreditStore.ReadCreditStateAsync(CancellationToken.None));
        Assert.Equal([.. first.Alerts, .. second.Alerts], await AllAlertsAsync());
        Assert.Equal(CreditLevel.D, (await CreditStore.GetCreditProfileAsync(Nansha, CancellationToken.None))!.Level);
        Assert.Equal(CreditLevel.B, (await CreditStore.GetCreditProfileAsync(Zhuhai, CancellationToken.None))!.Level);
    }

    [Fact]
    public async Task ApplyCreditAsync_Profile_RoundTripsExactly_AlsoAfterReopen()
    {
        var east8 = TimeSpan.FromHours(8);
        var full = new CreditProfile(
            Nansha, CreditLevel.D, 100.0500m,
            [
                new CreditSignal(
                    "court.dishonest", Severity.Severe, 80.0000m, "on the courts' \"dishonest\" judgment-debtor list 失信",
                    new FactRef(
                        "court.dishonest_debtor", "court", "case/2025-粤01-7", 41, new DateTimeOffset(2025, 1, 2, 3, 4, 5, east8).AddTicks(1234567),
                        T0.AddTicks(9)),
                    EndsAt: null),
                new CreditSignal(
                    "tax.grade_d", Severity.Low, 20.0500m, "tax grade D", new FactRef(TaxGrade, "tax", "t-1", long.MaxValue - 1, T0, T0),
                    EndsAt: new DateTimeOffset(2027, 12, 31, 23, 59, 59, east8).AddTicks(9999999)),
                new CreditSignal("tiny", Severity.Medium, -0.0000000001m, "", new FactRef("x", "y", "z", 1, T0, T0), T0),
            ],
            NextChange: new DateTimeOffset(2026, 6, 30, 16, 0, 0, east8).AddTicks(3),
            RulesVersion: 17);
        var plain = new CreditProfile(Zhuhai, CreditLevel.A, 0m, [], NextChange: null, RulesVersion: 0);

        await ApplyAsync(InitialCredit, [full, plain]);

        await AssertStoredExactly(full, plain);
        await ReopenAsync();
        await AssertStoredExactly(full, plain);
    }

    private async Task AssertStoredExactly(CreditProfile full, CreditProfile plain)
    {
        var stored = await CreditStore.GetCreditProfileAsync(Nansha, CancellationToken.None);
        AssertSameProfile(full, stored!);
        var both = await CreditStore.GetCreditProfilesAsync([Zhuhai, Beijing, Nansha], CancellationToken.None);
        Assert.Equal(2, both.Count);
        AssertSameProfile(full, both.Single(p => p.Uscc == Nansha));
        AssertSameProfile(plain, both.Single(p => p.Uscc == Zhuhai));
        Assert.Empty(await CreditStore.GetCreditProfilesAsync([], CancellationToken.None));
    }

    protected static void AssertSameProfile(CreditProfile expected, CreditProfile actual)
    {
        Assert.Equal(expected with { Signals = [] }, actual with { Signals = [] });
        Assert.Equal(expected.Signals, actual.Signals);
        // Equal decimals may differ in scale and equal instants in offset: the text and the UTC ticks may not.
        Assert.Equal(Text(expected), Text(actual));

        static string Text(CreditProfile p) => string.Join("|", [
            p.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), p.NextChange?.UtcTicks.ToString(),
            .. p.Signals.Select(s => $"{s.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture)};{s.EndsAt?.UtcTicks};" +
                $"{s.Fact.EffectiveTime.UtcTicks};{s.Fact.PublishTime.UtcTicks}")]);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public async Task ApplyCreditAsync_StaleState_ConflictsAndStoresNothing(long generationShift, long version)
    {
        var now = (await ApplyAsync(InitialCredit, [Profile(Nansha, CreditLevel.B)], [NewAlert(Nansha, CreditLevel.A, CreditLevel.B)], 9)).State;
        var stale = now with { Generation = now.Generation + generationShift, Version = version };

        var error = await Assert.ThrowsAsync<HubConflictException>(() => ApplyAsync(
            stale, [Profile(Nansha, CreditLevel.D), Profile(Zhuhai, CreditLevel.C)], [NewAlert(Nansha, CreditLevel.B, CreditLevel.D)], 99));

        Assert.Equal("CREDIT_STATE_CHANGED", error.Reason);
        Assert.Equal(now, await CreditStore.ReadCreditStateAsync(CancellationToken.None));
        Assert.Equal(CreditLevel.B, (await CreditStore.GetCreditProfileAsync(Nansha, CancellationToken.None))!.Level);
        Assert.Null(await CreditStore.GetCreditProfileAsync(Zhuhai, CancellationToken.None));
        Assert.Equal(1, await CreditStore.LastCreditAlertAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ApplyCreditAsync_TwoEvaluatorsFromTheSameState_OneWinsTheOtherConflicts()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            try
            {
                return await ApplyAsync(InitialCredit, [Profile(Nansha, CreditLevel.B)], [NewAlert(Nansha, CreditLevel.A, CreditLevel.B)], i);
            }
            catch (HubConflictException)
            {
                return null;
            }
        })));

        var winner = Assert.Single(results, r => r is not null)!;
        Assert.Equal(winner.State, await CreditStore.ReadCreditStateAsync(CancellationToken.None));
        Assert.Equal(1, await CreditStore.LastCreditAlertAsync(CancellationToken.None));
    }
}
