using System.Globalization;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Proactive;
using static EnterpriseHub.Core.Tests.Proactive.ProactiveTestData;
using static EnterpriseHub.Core.Tests.Proactive.ReminderTestData;

namespace EnterpriseHub.Core.Tests.Proactive;

/// <summary>Due windows of fact-date and calendar reminders, their keys, conditions and the next change.</summary>
public sealed class ReminderEvaluatorTests
{
    private static readonly ReminderRules LicenceOnly = Rules(LicenceRule);
    private static readonly ReminderRules AnnualOnly = Rules(AnnualRule);

    // Licence valid until 2026-06-30, 30 days before: due from 2026-05-31 00:00 to 2026-06-30 00:00, China Standard Time.
    [Theory]
    [InlineData("2026-05-30T23:59:59+08:00", false)]  // before
    [InlineData("2026-05-31T00:00:00+08:00", true)]   // first day
    [InlineData("2026-05-30T16:00:00Z", true)]        // the same moment in UTC
    [InlineData("2026-06-15T12:00:00+08:00", true)]
    [InlineData("2026-06-29T23:59:59+08:00", true)]   // last day
    [InlineData("2026-06-30T00:00:00+08:00", false)]  // on the deadline
    [InlineData("2026-06-29T16:00:00Z", false)]
    [InlineData("2026-07-15T00:00:00+08:00", false)]  // after
    public void Due_LicenceExpiry_DueInItsWindowOnly(string now, bool due)
    {
        var reminders = ReminderEvaluator.Due(LicenceOnly, Enterprise, "", [Licence("2026-06-30", T0, 1)], Moment(now));

        Assert.Equal(due ? ["reminder:licence_expiry:2026-06-30"] : Array.Empty<string>(), reminders.Select(reminder => reminder.Key));
    }

    [Fact]
    public void Due_LicenceExpiry_PlaceholdersFilledIn() =>
        Assert.Equal(
            new DueReminder("licence_expiry", "reminder:licence_expiry:2026-06-30", NoticeKind.Reminder, "Licence ends 2026-06-30",
                "南沙示例科技有限公司: renew before 2026-06-30", At(2026, 6, 30)),
            Assert.Single(ReminderEvaluator.Due(LicenceOnly, Enterprise, "", [Licence("2026-06-30", T0, 1)], At(2026, 6, 1))));

    [Fact]
    public void Due_NoName_NamesTheUscc() =>
        Assert.Equal(
            $"{Uscc}: renew before 2026-06-30",
            Assert.Single(ReminderEvaluator.Due(LicenceOnly, Enterprise with { Name = "" }, "", [Licence("2026-06-30", T0, 1)], At(2026, 6, 1))).Body);

    [Fact]
    public void Due_Renewal_NewDeadlineNewKey()
    {
        Fact[] facts = [Licence("2026-06-30", T0, 1), Licence("2031-06-30", At(2026, 6, 10), 2)];

        Assert.Equal(["reminder:licence_expiry:2026-06-30"], Keys(LicenceOnly, facts, At(2026, 6, 9)));
        Assert.Empty(Keys(LicenceOnly, facts, At(2026, 6, 10)));
        Assert.Equal(["reminder:licence_expiry:2031-06-30"], Keys(LicenceOnly, facts, At(2031, 6, 1)));
    }

    [Fact]
    public void Due_CorrectedToANearerDate_NewKeyAtOnce()
    {
        Fact[] facts = [Licence("2026-06-30", T0, 1), Licence("2026-06-20", At(2026, 6, 5, 9), 2)];

        Assert.Equal(["reminder:licence_expiry:2026-06-30"], Keys(LicenceOnly, facts, At(2026, 6, 5)));
        Assert.Equal(["reminder:licence_expiry:2026-06-20"], Keys(LicenceOnly, facts, At(2026, 6, 5, 9)));
    }

    [Fact]
    public void Due_SameDateRepublished_SameKey()
    {
        Fact[] facts = [Licence("2026-06-30", T0, 1), Licence("2026-06-30", At(2026, 6, 3), 2, "在业")];

        Assert.Equal(Keys(LicenceOnly, facts[..1], At(2026, 6, 1)), Keys(LicenceOnly, facts, At(2026, 6, 4)));
    }

    [Fact]
    public void Due_SupersededFact_Ignored() =>
        Assert.Empty(Keys(LicenceOnly, [Licence("2026-03-01", T0, 1), Licence("2027-03-01", T0.AddDays(10), 2)], At(2026, 2, 15)));

    [Fact]
    public void Due_FactNotYetEffective_NotYetDue()
    {
        Fact[] facts = [Licence("2026-06-20", At(2026, 6, 1, 8), 1)];

        Assert.Empty(Keys(LicenceOnly, facts, At(2026, 6, 1, 7)));
        Assert.Equal(["reminder:licence_expiry:2026-06-20"], Keys(LicenceOnly, facts, At(2026, 6, 1, 8)));
    }

    [Theory]
    [InlineData("""{"name":"x","status":"存续"}""")]                        // an unlimited term
    [InlineData("""{"name":"x","status":"存续","valid_until":null}""")]
    [InlineData("""{"name":"x","status":"存续","valid_until":"2026-06-31"}""")]
    [InlineData("""{"name":"x","status":"存续","valid_until":20260630}""")]
    [InlineData("not json")]
    public void Due_NoUsableDate_NoReminder(string attributes) =>
        Assert.Empty(Keys(LicenceOnly, [Fact("amr.business_license", attributes, T0, 1)], At(2026, 6, 15)));

    [Fact]
    public void Due_ConditionOnFactDateRule_OnlyWhereItHolds()
    {
        var rules = Rules("""{ "name": "licence_expiry", "factType": "amr.business_license", "dateField": "valid_until", "daysBefore": 30, "when": "amr.business_license.status in [\"存续\", \"在业\"]", "kind": "warning", "title": "T", "body": "B" }""");

        Assert.Equal(NoticeKind.Warning, Assert.Single(ReminderEvaluator.Due(rules, Enterprise, "", [Licence("2026-06-30", T0, 1)], At(2026, 6, 1))).Kind);
        Assert.Empty(Keys(rules, [Licence("2026-06-30", T0, 1, "吊销")], At(2026, 6, 1)));
    }

    // 30 June, 30 days before, for licensed enterprises: every year from 31 May to 30 June.
    [Theory]
    [InlineData("2026-05-30T23:59:59+08:00", null)]
    [InlineData("2026-05-31T00:00:00+08:00", "2026-06-30")]
    [InlineData("2026-06-29T23:59:59+08:00", "2026-06-30")]
    [InlineData("2026-06-30T00:00:00+08:00", null)]
    [InlineData("2026-12-31T12:00:00+08:00", null)]
    [InlineData("2027-06-15T00:00:00+08:00", "2027-06-30")]
    [InlineData("2030-05-31T00:00:00+08:00", "2030-06-30")]
    public void Due_Calendar_EveryYear(string now, string? deadline)
    {
        var reminders = ReminderEvaluator.Due(AnnualOnly, Enterprise, "", [Licence("2031-12-31", T0, 1)], Moment(now));

        Assert.Equal(deadline is null ? [] : [$"reminder:annual_report:{deadline}"], reminders.Select(reminder => reminder.Key));
        Assert.All(reminders, reminder => Assert.Equal(($"Annual report by {deadline}", NoticeKind.Notice), (reminder.Title, reminder.Kind)));
    }

    [Theory]
    [InlineData("2025-12-15T23:59:59+08:00", null)]
    [InlineData("2025-12-16T00:00:00+08:00", "2026-01-15")]
    [InlineData("2025-12-31T23:00:00+08:00", "2026-01-15")]
    [InlineData("2026-01-14T00:00:00+08:00", "2026-01-15")]
    [InlineData("2026-01-15T00:00:00+08:00", null)]
    [InlineData("2026-12-20T00:00:00+08:00", "2027-01-15")]
    public void Due_CalendarWindowAcrossTheYearEnd_DeadlineOfTheComingYear(string now, string? deadline)
    {
        var rules = Rules("""{ "name": "q4", "monthDay": "01-15", "daysBefore": 30, "title": "T", "body": "B" }""");

        Assert.Equal(deadline is null ? [] : [$"reminder:q4:{deadline}"], Keys(rules, [], Moment(now)));
    }

    [Fact]
    public void Due_CalendarWindowsOverlap_BothDeadlines()
    {
        // 2 January 2027 less 366 days is 1 January 2026, while 2 January 2026 is still ahead.
        var rules = Rules("""{ "name": "early", "monthDay": "01-02", "daysBefore": 366, "title": "T", "body": "B" }""");

        Assert.Equal(["reminder:early:2026-01-02", "reminder:early:2027-01-02"], Keys(rules, [], At(2026, 1, 1)));
        Assert.Equal(["reminder:early:2027-01-02"], Keys(rules, [], At(2026, 1, 2)));
    }

    [Fact]
    public void Due_CalendarCondition_OnlyForTheEnterprisesItSelects()
    {
        Assert.Empty(Keys(AnnualOnly, [], At(2026, 6, 1)));
        Assert.Empty(Keys(AnnualOnly, [Licence("2031-12-31", At(2026, 6, 2), 1)], At(2026, 6, 1)));
        Assert.Single(Keys(AnnualOnly, [Licence("2031-12-31", At(2026, 6, 2), 1)], At(2026, 6, 2)));

        var zoned = Rules("""{ "name": "zone_survey", "monthDay": "09-30", "daysBefore": 14, "when": "zone == \"nansha\" && industry == \"I65\"", "title": "T", "body": "B" }""");
        Assert.Single(ReminderEvaluator.Due(zoned, Enterprise, "nansha", [], At(2026, 9, 20)));
        Assert.Empty(ReminderEvaluator.Due(zoned, Enterprise, "qianhai", [], At(2026, 9, 20)));
    }

    [Fact]
    public void Due_SeveralRules_InTheRulesOrder() =>
        Assert.Equal(
            ["reminder:licence_expiry:2026-06-10", "reminder:annual_report:2026-06-30"],
            Keys(Rules(LicenceRule, AnnualRule), [Licence("2026-06-10", T0, 1)], At(2026, 6, 1)));

    [Theory]
    [InlineData("2026-05-01T00:00:00+08:00", "2026-05-31T00:00:00+08:00")]  // the window opens
    [InlineData("2026-05-30T23:59:59+08:00", "2026-05-31T00:00:00+08:00")]
    [InlineData("2026-05-31T00:00:00+08:00", null)]                         // open already, nothing after
    [InlineData("2026-06-05T00:00:00+08:00", null)]
    [InlineData("2026-07-01T00:00:00+08:00", null)]
    public void NextChange_Licence_WhenTheWindowOpens(string now, string? next) =>
        Assert.Equal(next is null ? null : Moment(next), ReminderEvaluator.NextChange(LicenceOnly, Enterprise, "", [Licence("2026-06-30", T0, 1)], Moment(now)));

    [Fact]
    public void NextChange_NoFacts_Null() =>
        Assert.Null(ReminderEvaluator.NextChange(LicenceOnly, Enterprise, "", [], At(2026, 5, 1)));

    [Fact]
    public void NextChange_FutureFactInsideItsWindow_ItsEffectiveTime() =>
        Assert.Equal(At(2026, 6, 10, 9), ReminderEvaluator.NextChange(LicenceOnly, Enterprise, "", [Licence("2026-06-20", At(2026, 6, 10, 9), 1)], At(2026, 5, 1)));

    [Fact]
    public void NextChange_FutureFactWithALaterDate_ItsWindowOpening() =>
        Assert.Equal(At(2030, 1, 1), ReminderEvaluator.NextChange(LicenceOnly, Enterprise, "", [Licence("2030-01-31", At(2026, 6, 10, 9), 1)], At(2026, 5, 1)));

    [Fact]
    public void NextChange_RenewalToANearerDateWhileDue_ItsEffectiveTime() =>
        Assert.Equal(
            At(2026, 6, 10, 9),
            ReminderEvaluator.NextChange(LicenceOnly, Enterprise, "", [Licence("2026-06-30", T0, 1), Licence("2026-06-25", At(2026, 6, 10, 9), 2)], At(2026, 6, 5)));

    [Fact]
    public void NextChange_RenewalThatEndsTheReminder_TheNextWindow() =>
        Assert.Equal(
            At(2031, 5, 31),
            ReminderEvaluator.NextChange(LicenceOnly, Enterprise, "", [Licence("2026-06-30", T0, 1), Licence("2031-06-30", At(2026, 6, 10, 9), 2)], At(2026, 6, 5)));

    [Theory]
    [InlineData("2026-05-01T00:00:00+08:00", "2026-05-31T00:00:00+08:00")]
    [InlineData("2026-05-31T00:00:00+08:00", "2027-05-31T00:00:00+08:00")]
    [InlineData("2026-07-01T00:00:00+08:00", "2027-05-31T00:00:00+08:00")]
    public void NextChange_Calendar_NextYearsWindow(string now, string next) =>
        Assert.Equal(Moment(next), ReminderEvaluator.NextChange(AnnualOnly, Enterprise, "", [Licence("2040-12-31", T0, 1)], Moment(now)));

    [Fact]
    public void NextChange_CalendarConditionNeverHolds_Null() =>
        Assert.Null(ReminderEvaluator.NextChange(AnnualOnly, Enterprise, "", [], At(2026, 5, 1)));

    [Theory]
    [InlineData("2026-06-10T09:00:00+08:00", "2026-06-10T09:00:00+08:00")]  // licensed inside the window: due at once
    [InlineData("2026-08-01T09:00:00+08:00", "2027-05-31T00:00:00+08:00")]  // licensed after it: next year's
    public void NextChange_CalendarConditionComesTrue_ByAFutureFact(string effective, string next) =>
        Assert.Equal(Moment(next), ReminderEvaluator.NextChange(AnnualOnly, Enterprise, "", [Licence("2040-12-31", Moment(effective), 1)], At(2026, 5, 1)));

    [Fact]
    public void NextChange_SeveralRules_TheEarliest() =>
        Assert.Equal(At(2026, 5, 11), ReminderEvaluator.NextChange(Rules(LicenceRule, AnnualRule), Enterprise, "", [Licence("2026-06-10", T0, 1)], At(2026, 5, 1)));

    /// <summary>
    /// What is due changes only at midnights and at effective times, so checking each of those in
    /// turn finds the first moment a new key falls due; NextChange must name that moment.
    /// </summary>
    [Fact]
    public void NextChange_RandomHistories_FirstMomentANewKeyFallsDue()
    {
        var rules = Rules(
            LicenceRule,
            """{ "name": "annual_report", "monthDay": "06-30", "daysBefore": 30, "when": "amr.business_license.status != \"注销\"", "title": "T", "body": "B" }""",
            """{ "name": "short", "factType": "amr.business_license", "dateField": "established", "daysBefore": 3, "title": "T", "body": "B" }""");
        var random = new Random(42);
        for (var scenario = 0; scenario < 150; scenario++)
        {
            var facts = new List<Fact>();
            for (var n = random.Next(4); n > 0; n--)
            {
                var until = random.Next(5) == 0 ? null : DayText(T0.AddDays(random.Next(-50, 700)));
                var established = DayText(T0.AddDays(random.Next(-20, 400)));
                var status = random.Next(4) == 0 ? "注销" : "存续";
                var attributes = $$"""{"name":"x","status":"{{status}}","established":"{{established}}"{{(until is null ? "" : $",\"valid_until\":\"{until}\"")}}}""";
                facts.Add(Fact("amr.business_license", attributes, T0.AddHours(random.Next(-2400, 9600)), n));
            }

            var now = T0.AddHours(random.Next(0, 7200)).AddMinutes(random.Next(60));
            var limit = now.AddDays(800);
            var next = ReminderEvaluator.NextChange(rules, Enterprise, "", facts, now);

            Assert.Equal(FirstNewKey(rules, facts, now, limit), next is { } found && found <= limit ? found : null);
        }
    }

    private static DateTimeOffset? FirstNewKey(ReminderRules rules, List<Fact> facts, DateTimeOffset now, DateTimeOffset limit)
    {
        var moments = facts.Select(fact => fact.EffectiveTime).Where(time => time > now && time <= limit).ToList();
        for (var day = new DateTimeOffset(now.ToOffset(TimeSpan.FromHours(8)).Date, TimeSpan.FromHours(8)).AddDays(1); day <= limit; day = day.AddDays(1))
        {
            moments.Add(day);
        }

        var before = Keys(rules, facts, now).ToHashSet();
        foreach (var moment in moments.Distinct().Order())
        {
            var keys = Keys(rules, facts, moment);
            if (keys.Any(key => !before.Contains(key)))
            {
                return moment;
            }

            before = [.. keys];
        }

        return null;
    }

    private static string[] Keys(ReminderRules rules, IReadOnlyList<Fact> facts, DateTimeOffset now) =>
        [.. ReminderEvaluator.Due(rules, Enterprise, "", facts, now).Select(reminder => reminder.Key)];

    private static Fact Licence(string validUntil, DateTimeOffset effective, long sequence, string status = "存续") =>
        Fact("amr.business_license", $$"""{"name":"南沙示例科技有限公司","status":"{{status}}","valid_until":"{{validUntil}}"}""", effective, sequence);

    private static DateTimeOffset At(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private static DateTimeOffset Moment(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static string DayText(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
