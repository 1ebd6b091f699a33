using EnterpriseHub.Client;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.V1;
using Grpc.Core;
using CreditLevel = EnterpriseHub.V1.CreditLevel;
using CreditProfile = EnterpriseHub.Core.Credit.CreditProfile;

namespace EnterpriseHub.Server.Tests.Credit;

/// <summary>Credit levels follow the departments' facts as they arrive, and tell supervisors at once.</summary>
public sealed class CreditScenarioTests(CreditFixture hub) : IClassFixture<CreditFixture>
{
    [Fact]
    public async Task CourtListsThenLiftsADebtor_AlertsSayWhy_LevelRecovers()
    {
        var uscc = TestData.NewUscc();
        var from = await LastAlertAsync();
        using var timeout = new CancellationTokenSource(CreditFixture.Patience);
        using var watch = hub.Watch(from, timeout.Token);

        var listed = await hub.PublishAsync("court", CreditFixture.Debtor(uscc, "debtor-" + uscc, hub.Clock.GetUtcNow().AddDays(-1)));
        var down = await NextAlertAsync(watch, uscc, timeout.Token);

        Assert.Equal(CreditLevel.A, down.Before);
        Assert.Equal(CreditLevel.D, down.After);
        Assert.Equal(listed, down.FactSequence);
        Assert.Contains("dishonest_debtor", down.Reason, StringComparison.Ordinal);
        var profile = (await hub.ProfileAsync(uscc)).Profile;
        Assert.Equal(CreditLevel.D, profile.Level);
        var signal = Assert.Single(profile.Signals);
        Assert.Equal(("court.dishonest_debtor", "court", "debtor-" + uscc, listed), (signal.Fact.FactType, signal.Fact.Publisher, signal.Fact.SourceRecordId, signal.Fact.Sequence));
        Assert.Equal(V1.Severity.Severe, signal.Severity);

        var lifted = await hub.PublishAsync("court", CreditFixture.Debtor(uscc, "lifted-" + uscc, hub.Clock.GetUtcNow(), lifted: true));
        var up = await NextAlertAsync(watch, uscc, timeout.Token);

        Assert.Equal((CreditLevel.D, CreditLevel.A, lifted), (up.Before, up.After, up.FactSequence));
        Assert.Contains("dishonest_debtor", up.Reason, StringComparison.Ordinal);
        Assert.Empty((await hub.ProfileAsync(uscc)).Profile.Signals);
    }

    [Fact]
    public async Task PenaltyWindowPasses_LevelRecoversOnTheInjectedClock()
    {
        var uscc = TestData.NewUscc();
        var from = await LastAlertAsync();
        using var timeout = new CancellationTokenSource(CreditFixture.Patience);
        using var watch = hub.Watch(from, timeout.Token);
        await hub.PublishAsync("amr", CreditFixture.Penalty(uscc, "穗南市监罚〔2026〕17号", 200_000m, hub.Clock.GetUtcNow().AddDays(-300)));

        var penalised = await NextAlertAsync(watch, uscc, timeout.Token);
        var signal = Assert.Single((await hub.ProfileAsync(uscc)).Profile.Signals);
        Assert.Equal(CreditLevel.B, penalised.After);
        Assert.Equal(20, signal.Weight);
        Assert.NotNull(signal.EndsAt);

        hub.Clock.Advance(TimeSpan.FromDays(70));
        var recovered = await NextAlertAsync(watch, uscc, timeout.Token);

        Assert.Equal((CreditLevel.B, CreditLevel.A, 0L), (recovered.Before, recovered.After, recovered.FactSequence));
        Assert.Empty((await hub.ProfileAsync(uscc)).Profile.Signals);
    }

    [Fact]
    public async Task RebuildFromTheLog_EqualsTheIncrementalState_ForTenThousandEnterprises()
    {
        var random = new Random(20261126);
        var now = hub.Clock.GetUtcNow();
        var drafts = new List<(string Department, FactDraft Draft)>();
        var usccs = Enumerable.Range(0, 10_000).Select(_ => TestData.NewUscc(random.Next(2) == 0 ? "440115" : "440402")).ToList();
        foreach (var uscc in usccs)
        {
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                drafts.Add(SyntheticFact(random, uscc, now));
            }
        }

        long last = 0;
        foreach (var batch in drafts.GroupBy(d => d.Department).SelectMany(g => g.Chunk(1000).Select(c => (g.Key, c))))
        {
            var reply = await hub.Client(batch.Key).Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { batch.c.Select(d => d.Draft) } });
            last = Math.Max(last, reply.Results.Max(r => r.Sequence));
        }

        await hub.AppliedAsync(last);
        var incremental = new Dictionary<string, CreditProfile>(StringComparer.Ordinal);
        string? after = null;
        while (await hub.Store.ListCreditProfilesAsync(Core.Credit.CreditLevel.A, null, after, 1000, CancellationToken.None) is { Count: > 0 } page)
        {
            page.ToList().ForEach(p => incremental[p.Uscc] = p);
            after = page[^1].Uscc;
        }

        var rebuilt = new Dictionary<string, CreditProfile>(StringComparer.Ordinal);
        await foreach (var profile in hub.Projection.RecomputeAllAsync(hub.Clock.GetUtcNow(), CancellationToken.None))
        {
            rebuilt[profile.Uscc] = profile;
        }

        Assert.All(usccs, u => Assert.True(rebuilt.ContainsKey(u), u));
        Assert.Equal(rebuilt.Keys.Order(), incremental.Keys.Order());
        Assert.All(rebuilt, r => Assert.Equal(r.Value, incremental[r.Key]));
        Assert.Contains(rebuilt.Values, p => p.Level == Core.Credit.CreditLevel.D);
        Assert.Contains(rebuilt.Values, p => p.Level == Core.Credit.CreditLevel.A);
    }

    [Fact]
    public async Task ListRiskEnterprises_AtCOrWorseInAZone_PagedInCodeOrder()
    {
        var usccs = Enumerable.Range(0, 3).Select(_ => TestData.NewUscc("440305")).ToList();
        foreach (var uscc in usccs)
        {
            await hub.PublishAsync("court", CreditFixture.Debtor(uscc, "list-" + uscc, hub.Clock.GetUtcNow().AddDays(-1)));
        }

        var seen = new List<RiskEnterprise>();
        var token = string.Empty;
        do
        {
            var page = await hub.Client("tax").Credit.ListRiskEnterprisesAsync(new ListRiskEnterprisesRequest
            {
                MinLevel = CreditLevel.C, Zone = "qianhai-shekou", PageSize = 2, PageToken = token, Purpose = "inspection plan", OfficerId = "o-1",
            });
            seen.AddRange(page.Enterprises);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(seen.Select(e => e.Uscc).Order(StringComparer.Ordinal), seen.Select(e => e.Uscc));
        Assert.All(usccs, u => Assert.Contains(seen, e => e.Uscc == u && e.Level == CreditLevel.D));
        Assert.All(seen, e => Assert.Equal("440305", e.Uscc.Substring(2, 6)));
    }

    private static (string, FactDraft) SyntheticFact(Random random, string uscc, DateTimeOffset now)
    {
        var effective = now.AddDays(-random.Next(1, 500));
        return random.Next(5) switch
        {
            0 => ("court", CreditFixture.Debtor(uscc, $"syn-{uscc}-{random.Next()}", effective, lifted: random.Next(3) == 0)),
            1 => ("amr", CreditFixture.Penalty(uscc, $"P{random.Next(3)}", random.Next(1, 50) * 10_000m, effective)),
            2 => ("tax", Timed(TestData.Grade(uscc, $"syn-{uscc}-{random.Next()}", "ABMCD"[random.Next(5)].ToString()), effective)),
            3 => ("amr", Timed(TestData.Abnormal(uscc, $"syn-{uscc}-{random.Next()}"), effective)),
            _ => ("customs", Timed(TestData.Draft(
                uscc, "customs.credit_class", $"syn-{uscc}-{random.Next()}",
                ("class", Google.Protobuf.WellKnownTypes.Value.ForString(new[] { "advanced", "general", "dishonest" }[random.Next(3)]))), effective)),
        };
    }

    private static FactDraft Timed(FactDraft draft, DateTimeOffset effective)
    {
        draft.EffectiveTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(effective);
        return draft;
    }

    private async Task<long> LastAlertAsync() => await hub.Store.LastCreditAlertAsync(CancellationToken.None);

    /// <summary>The next alert about <paramref name="uscc"/> (other tests' alerts are passed over).</summary>
    private static async Task<RiskAlert> NextAlertAsync(
        AsyncServerStreamingCall<WatchRiskAlertsResponse> watch, string uscc, CancellationToken cancellationToken)
    {
        while (await watch.ResponseStream.MoveNext(cancellationToken))
        {
            if (watch.ResponseStream.Current.Alert is { } alert && alert.Uscc == uscc)
            {
                return alert;
            }
        }

        throw new InvalidOperationException("the alert stream ended");
    }
}
