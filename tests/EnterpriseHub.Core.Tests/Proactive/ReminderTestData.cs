using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Core.Tests.Proactive;

/// <summary>Reminder files for the tests, against <see cref="ProactiveTestData.Types"/>.</summary>
internal static class ReminderTestData
{
    public const string Source = "reminders.json";

    public const string LicenceRule =
        """{ "name": "licence_expiry", "factType": "amr.business_license", "dateField": "valid_until", "daysBefore": 30, "title": "Licence ends {date}", "body": "{name}: renew before {date}" }""";

    public const string AnnualRule =
        """{ "name": "annual_report", "monthDay": "06-30", "daysBefore": 30, "when": "exists(amr.business_license)", "kind": "notice", "title": "Annual report by {date}", "body": "{name}, file by {date}" }""";

    public static ReminderRules Parse(string json) => ReminderRulesFile.Parse(json, Source, ProactiveTestData.Types);

    public static ReminderRules Rules(params string[] reminders) => Parse(File(reminders: reminders));

    /// <summary>A file whose lines are fixed: the version on line 2, each reminder on a line of its own from line 4.</summary>
    public static string File(string version = "\"version\": 1,", params string[] reminders) =>
        "{\n  " + version + "\n  \"reminders\": [\n    " + string.Join(",\n    ", reminders) + "\n  ]\n}\n";
}
