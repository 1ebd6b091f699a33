using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Proactive;
using static EnterpriseHub.Core.Tests.Proactive.ProactiveTestData;

namespace EnterpriseHub.Core.Tests.Proactive;

/// <summary>The reminders the server ships (src/EnterpriseHub.Server/Proactive/reminders.json), checked against the shipped catalog.</summary>
public sealed class ShippedRemindersTests
{
    private static readonly Lazy<ReminderRules> Shipped = new(() =>
        ReminderRulesFile.Load(ServerFile("Proactive", "reminders.json"), CatalogFile.Load(ServerFile("Catalog", "catalog.json")).FactTypes));

    [Fact]
    public void Load_ShippedReminders_ValidAgainstTheShippedCatalog()
    {
        var rules = Shipped.Value;

        Assert.Equal(1, rules.Version);
        Assert.Equal(
            [
                ("licence_expiry", (ReminderSchedule)new ReminderSchedule.FactDate("amr.business_license", "valid_until"), 30, NoticeKind.Reminder),
                ("annual_report", new ReminderSchedule.Calendar(6, 30), 30, NoticeKind.Reminder),
            ],
            rules.Rules.Select(rule => (rule.Name, rule.Schedule, rule.DaysBefore, rule.Kind)));
        Assert.Equal(["amr.business_license"], rules.FactTypes);
    }

    [Theory]
    [InlineData("存续", "2026-06-20", "2026-06-01", new[] { "reminder:licence_expiry:2026-06-20", "reminder:annual_report:2026-06-30" })]
    [InlineData("在业", "2026-09-30", "2026-09-01", new[] { "reminder:licence_expiry:2026-09-30" })]
    [InlineData("吊销", "2026-06-20", "2026-06-01", new[] { "reminder:annual_report:2026-06-30" })]
    [InlineData("注销", "2026-06-20", "2026-06-01", new string[0])]
    public void Due_ShippedReminders_ByLicenceStatus(string status, string validUntil, string today, string[] keys)
    {
        var licence = Fact(
            "amr.business_license",
            $$"""{"established":"2018-03-01","industry":"I65","name":"南沙示例科技有限公司","registered_capital":500,"status":"{{status}}","valid_until":"{{validUntil}}"}""",
            T0, 1);
        var now = DateTimeOffset.Parse(today + "T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);

        var due = ReminderEvaluator.Due(Shipped.Value, Enterprise, "nansha", [licence], now);

        Assert.Equal(keys, due.Select(reminder => reminder.Key));
        Assert.All(due, reminder => Assert.DoesNotContain("{", reminder.Title + reminder.Body, StringComparison.Ordinal));
        Assert.All(due, reminder => Assert.Contains("南沙示例科技有限公司", reminder.Body, StringComparison.Ordinal));
    }

    [Fact]
    public void Due_ShippedReminders_NoLicenceNoReminder() =>
        Assert.Empty(ReminderEvaluator.Due(Shipped.Value, Enterprise, "", [], new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(8))));
}
