using EnterpriseHub.Core.Proactive;
using static EnterpriseHub.Core.Tests.Proactive.ReminderTestData;

namespace EnterpriseHub.Core.Tests.Proactive;

/// <summary>What a valid reminders file reads to, and its fingerprint.</summary>
public sealed class ReminderRulesFileTests
{
    [Fact]
    public void Parse_ValidFile_ReadsEveryRule()
    {
        var rules = Rules(LicenceRule, AnnualRule);

        Assert.Equal(1, rules.Version);
        Assert.Equal(2, rules.Rules.Count);
        var licence = rules.Rules[0];
        Assert.Equal(
            ("licence_expiry", new ReminderSchedule.FactDate("amr.business_license", "valid_until"), 30, NoticeKind.Reminder, "Licence ends {date}", "{name}: renew before {date}"),
            (licence.Name, licence.Schedule, licence.DaysBefore, licence.Kind, licence.Title, licence.Body));
        Assert.Null(licence.When);
        var annual = rules.Rules[1];
        Assert.Equal(("annual_report", new ReminderSchedule.Calendar(6, 30), NoticeKind.Notice), (annual.Name, annual.Schedule, annual.Kind));
        Assert.Equal("exists(amr.business_license)", annual.When!.Source);
    }

    [Fact]
    public void Parse_ValidFile_FactTypesOfSchedulesAndConditions()
    {
        var rules = Rules(
            LicenceRule,
            """{ "name": "small", "monthDay": "12-31", "daysBefore": 10, "when": "hrss.insured_headcount < 10 || exists(tax.credit_grade)", "title": "T", "body": "B" }""");

        Assert.Equal(["amr.business_license", "hrss.insured_headcount", "tax.credit_grade"], rules.FactTypes.Order());
    }

    [Theory]
    [InlineData("\"monthDay\": \"01-01\", \"daysBefore\": 1")]
    [InlineData("\"monthDay\": \"12-31\", \"daysBefore\": 366")]
    [InlineData("\"monthDay\": \"02-28\", \"daysBefore\": 30")]
    [InlineData("\"factType\": \"amr.sample\", \"dateField\": \"day\", \"daysBefore\": 366")]
    public void Parse_Boundaries_Accepted(string schedule) =>
        Assert.Single(Rules($$"""{ "name": "r", {{schedule}}, "kind": "warning", "title": "T", "body": "B" }""").Rules);

    [Fact]
    public void Parse_NoReminders_Valid() =>
        Assert.Empty(Parse("""{ "version": 3, "reminders": [] }""").Rules);

    [Fact]
    public void Fingerprint_LayoutKeyOrderAndComments_Ignored()
    {
        var compact = Rules(
            """{ "name": "r", "monthDay": "06-30", "daysBefore": 30, "when": "zone==\"a\"&&exists(amr.sample)", "title": "T", "body": "B" }""");
        var spread = Parse("""
            {
              "reminders": [
                {
                  "body": "B", "title": "T",
                  "when": "zone == \"a\" // the zone\n  && exists(amr.sample)",
                  "kind": "reminder", "daysBefore": 30, "monthDay": "06-30", "name": "r"
                }
              ],
              "version": 1
            }
            """);

        Assert.Equal(compact.Fingerprint, spread.Fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", compact.Fingerprint);
    }

    [Theory]
    [InlineData("\"version\": 2,", LicenceRule)]
    [InlineData("\"version\": 1,", """{ "name": "licence_expiry", "factType": "amr.business_license", "dateField": "valid_until", "daysBefore": 31, "title": "Licence ends {date}", "body": "{name}: renew before {date}" }""")]
    [InlineData("\"version\": 1,", """{ "name": "licence_expiry", "factType": "amr.business_license", "dateField": "established", "daysBefore": 30, "title": "Licence ends {date}", "body": "{name}: renew before {date}" }""")]
    [InlineData("\"version\": 1,", """{ "name": "licence_expiry", "factType": "amr.business_license", "dateField": "valid_until", "daysBefore": 30, "title": "Licence ends on {date}", "body": "{name}: renew before {date}" }""")]
    [InlineData("\"version\": 1,", """{ "name": "licence_expiry", "factType": "amr.business_license", "dateField": "valid_until", "daysBefore": 30, "kind": "warning", "title": "Licence ends {date}", "body": "{name}: renew before {date}" }""")]
    [InlineData("\"version\": 1,", """{ "name": "licence_expiry", "factType": "amr.business_license", "dateField": "valid_until", "daysBefore": 30, "when": "true", "title": "Licence ends {date}", "body": "{name}: renew before {date}" }""")]
    public void Fingerprint_AnyChange_Differs(string version, string rule) =>
        Assert.NotEqual(Rules(LicenceRule).Fingerprint, Parse(File(version, rule)).Fingerprint);
}
