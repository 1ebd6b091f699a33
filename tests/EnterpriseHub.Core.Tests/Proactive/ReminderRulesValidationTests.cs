using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Core.Errors;
using static EnterpriseHub.Core.Tests.Proactive.ReminderTestData;

namespace EnterpriseHub.Core.Tests.Proactive;

/// <summary>Every problem the reminders file can have, each reported with its line and path.</summary>
public sealed class ReminderRulesValidationTests
{
    private const string Dated = "\"factType\": \"amr.business_license\", \"dateField\": \"valid_until\"";
    private const string Texts = "\"title\": \"T\", \"body\": \"B\"";

    // The reminder sits alone on line 4 of the file, so every problem it has is on line 4.
    [Theory]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, {{Texts}}, "colour": "red" }""",
        "reminders[0].colour: unknown property; expected one of: name, factType, dateField, monthDay, daysBefore, when, kind, title, body")]
    [InlineData($$"""{ "name": "r", "name": "s", {{Dated}}, "daysBefore": 30, {{Texts}} }""", "reminders[0].name: appears more than once (first on line 4)")]
    [InlineData($$"""{ {{Dated}}, "daysBefore": 30, {{Texts}} }""", "reminders[0].name: is required")]
    [InlineData($$"""{ "name": "Licence-Expiry", {{Dated}}, "daysBefore": 30, {{Texts}} }""",
        "reminders[0].name: 'Licence-Expiry' is not a reminder name (lower case letters, digits and _, starting with a letter, at most 64 characters)")]
    [InlineData($$"""{ "name": 7, {{Dated}}, "daysBefore": 30, {{Texts}} }""", "reminders[0].name: must be a string")]
    // the schedule: a fact's date or a day of the year
    [InlineData($$"""{ "name": "r", "daysBefore": 30, {{Texts}} }""",
        "reminders[0]: needs either factType and dateField (a date in a fact) or monthDay (a day every year)")]
    [InlineData($$"""{ "name": "r", "factType": "amr.business_license", "daysBefore": 30, {{Texts}} }""", "reminders[0].dateField: is required")]
    [InlineData($$"""{ "name": "r", "dateField": "valid_until", "daysBefore": 30, {{Texts}} }""", "reminders[0].factType: is required")]
    [InlineData($$"""{ "name": "r", "factType": "amr.nothing", "dateField": "valid_until", "daysBefore": 30, {{Texts}} }""",
        "reminders[0].factType: 'amr.nothing' is not a fact type in the catalog")]
    [InlineData($$"""{ "name": "r", "factType": "amr.business_license", "dateField": "valid_to", "daysBefore": 30, {{Texts}} }""",
        "reminders[0].dateField: 'valid_to' is not a field of amr.business_license")]
    [InlineData($$"""{ "name": "r", "factType": "amr.business_license", "dateField": "name", "daysBefore": 30, {{Texts}} }""",
        "reminders[0].dateField: 'name' is string; a reminder needs a date field")]
    [InlineData($$"""{ "name": "r", "factType": "amr.business_license", "dateField": "status", "daysBefore": 30, {{Texts}} }""",
        "reminders[0].dateField: 'status' is enum; a reminder needs a date field")]
    [InlineData($$"""{ "name": "r", "factType": "amr.business_license", "dateField": 1, "daysBefore": 30, {{Texts}} }""",
        "reminders[0].dateField: must be a string")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "monthDay": "06-30", "daysBefore": 30, {{Texts}} }""",
        "reminders[0].factType: does not go with monthDay: a reminder follows either a fact's date (factType and dateField) or a day of the year (monthDay)",
        "reminders[0].dateField: does not go with monthDay: a reminder follows either a fact's date (factType and dateField) or a day of the year (monthDay)")]
    [InlineData($$"""{ "name": "r", "monthDay": "02-29", "daysBefore": 30, {{Texts}} }""", "reminders[0].monthDay: '02-29' is not a day of every year; use 02-28 or 03-01")]
    [InlineData($$"""{ "name": "r", "monthDay": "13-01", "daysBefore": 30, {{Texts}} }""", "reminders[0].monthDay: '13-01' is not a day of the year MM-DD, e.g. 06-30")]
    [InlineData($$"""{ "name": "r", "monthDay": "06-31", "daysBefore": 30, {{Texts}} }""", "reminders[0].monthDay: '06-31' is not a day of the year MM-DD, e.g. 06-30")]
    [InlineData($$"""{ "name": "r", "monthDay": "00-10", "daysBefore": 30, {{Texts}} }""", "reminders[0].monthDay: '00-10' is not a day of the year MM-DD, e.g. 06-30")]
    [InlineData($$"""{ "name": "r", "monthDay": "6-30", "daysBefore": 30, {{Texts}} }""", "reminders[0].monthDay: '6-30' is not a day of the year MM-DD, e.g. 06-30")]
    [InlineData($$"""{ "name": "r", "monthDay": "2026-06-30", "daysBefore": 30, {{Texts}} }""", "reminders[0].monthDay: '2026-06-30' is not a day of the year MM-DD, e.g. 06-30")]
    [InlineData($$"""{ "name": "r", "monthDay": 630, "daysBefore": 30, {{Texts}} }""", "reminders[0].monthDay: must be a string")]
    // how early
    [InlineData($$"""{ "name": "r", {{Dated}}, {{Texts}} }""", "reminders[0].daysBefore: is required")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 0, {{Texts}} }""", "reminders[0].daysBefore: must be a whole number of days from 1 to 366")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 367, {{Texts}} }""", "reminders[0].daysBefore: must be a whole number of days from 1 to 366")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": -1, {{Texts}} }""", "reminders[0].daysBefore: must be a whole number of days from 1 to 366")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 1.5, {{Texts}} }""", "reminders[0].daysBefore: must be a whole number of days from 1 to 366")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": "30", {{Texts}} }""", "reminders[0].daysBefore: must be a whole number of days from 1 to 366")]
    // kind and texts
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "kind": "alert", {{Texts}} }""", "reminders[0].kind: 'alert' is not one of: notice, reminder, warning")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "kind": "Reminder", {{Texts}} }""", "reminders[0].kind: 'Reminder' is not one of: notice, reminder, warning")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "kind": 1, {{Texts}} }""", "reminders[0].kind: must be a string")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "body": "B" }""", "reminders[0].title: is required")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "title": "T" }""", "reminders[0].body: is required")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "title": " ", "body": "B" }""", "reminders[0].title: must not be empty")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "title": "T", "body": "renew by {deadline}" }""",
        "reminders[0].body: '{deadline}' is not a placeholder; use {date} or {name}")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "title": "{Date}", "body": "B" }""",
        "reminders[0].title: '{Date}' is not a placeholder; use {date} or {name}")]
    // the condition: the file's line, the condition's own column
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "when": "zone == 5", {{Texts}} }""",
        "reminders[0].when: column 6: '==' cannot compare a string (zone) with a number (5)")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "when": "zone == 5 || hrss.insured_headcount.headcnt < 1", {{Texts}} }""",
        "reminders[0].when: column 6: '==' cannot compare a string (zone) with a number (5)",
        "reminders[0].when: column 37: unknown field 'headcnt' of hrss.insured_headcount")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "when": "zone == \"a\"\n&& industri == \"x\"", {{Texts}} }""",
        "reminders[0].when: line 2, column 4 of the condition: unknown name 'industri'; a condition reads zone, division, industry, name, uscc or a fact as owner.type.field")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "when": "zone = \"a\"", {{Texts}} }""",
        "reminders[0].when: column 6: '=' is not an operator; compare with '=='")]
    [InlineData($$"""{ "name": "r", "monthDay": "06-30", "daysBefore": 30, "when": "exists(amr.licence)", {{Texts}} }""",
        "reminders[0].when: column 8: unknown fact type 'amr.licence'")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "when": "", {{Texts}} }""", "reminders[0].when: must not be empty")]
    [InlineData($$"""{ "name": "r", {{Dated}}, "daysBefore": 30, "when": true, {{Texts}} }""", "reminders[0].when: must be a string")]
    [InlineData("""[]""", "reminders[0]: must be an object")]
    public void Parse_ReminderProblem_ReportedOnItsLine(string reminder, params string[] expected) =>
        AssertProblems(File(reminders: reminder), [.. expected.Select(problem => "4: " + problem)]);

    [Theory]
    [InlineData("\"version\": 0,", "2: version: must be a positive integer")]
    [InlineData("\"version\": \"1\",", "2: version: must be a positive integer")]
    [InlineData("\"revision\": 1,", "1: version: is required", "2: revision: unknown property; expected one of: version, reminders")]
    public void Parse_VersionProblem_ReportedOnItsLine(string version, params string[] expected) =>
        AssertProblems(File(version, ReminderTestData.LicenceRule), expected);

    [Theory]
    [InlineData("""{ "version": 1 }""", "1: reminders: is required")]
    [InlineData("""{ "version": 1, "reminders": {} }""", "1: reminders: must be a list")]
    [InlineData("""{ "reminders": [] }""", "1: version: is required")]
    [InlineData("""[]""", "1: must be an object")]
    [InlineData("{ \"version\": 1,\n  \"reminders\": [ }", "2: not well-formed JSON: '}' is an invalid start of a value.")]
    public void Parse_FileProblem_Reported(string json, params string[] expected) =>
        AssertProblems(json, expected);

    [Fact]
    public void Parse_DuplicateNames_PointsAtTheFirst() =>
        AssertProblems(
            File(reminders: [LicenceRule, AnnualRule, LicenceRule]),
            "6: reminders[2].name: 'licence_expiry' is already a reminder, on line 4");

    [Fact]
    public void Parse_ManyProblems_AllReportedAtOnceInLineOrder()
    {
        const string json = """
            {
              "version": 0,
              "reminders": [
                {
                  "name": "licence_expiry",
                  "factType": "amr.business_license",
                  "dateField": "established_on",
                  "daysBefore": 400,
                  "when": "amr.business_license.status in [\"存续\", \"存活\"] && zone == 1",
                  "title": "Ends {date}",
                  "body": "Dear {company}"
                },
                {
                  "name": "licence_expiry",
                  "monthDay": "02-29",
                  "daysBefore": 30,
                  "kind": "urgent",
                  "title": "Annual report"
                },
                { "name": "x", "factType": "tax.nothing", "dateField": "due", "daysBefore": 1, "title": "T", "body": "B", "note": "?" }
              ]
            }
            """;

        AssertProblems(json,
            "2: version: must be a positive integer",
            "7: reminders[0].dateField: 'established_on' is not a field of amr.business_license",
            "8: reminders[0].daysBefore: must be a whole number of days from 1 to 366",
            "9: reminders[0].when: column 39: \"存活\" is not a value of amr.business_license.status; its values are: 存续, 在业, 吊销, 注销",
            "9: reminders[0].when: column 53: '==' cannot compare a string (zone) with a number (1)",
            "11: reminders[0].body: '{company}' is not a placeholder; use {date} or {name}",
            "13: reminders[1].body: is required",
            "14: reminders[1].name: 'licence_expiry' is already a reminder, on line 5",
            "15: reminders[1].monthDay: '02-29' is not a day of every year; use 02-28 or 03-01",
            "17: reminders[1].kind: 'urgent' is not one of: notice, reminder, warning",
            "20: reminders[2].note: unknown property; expected one of: name, factType, dateField, monthDay, daysBefore, when, kind, title, body",
            "20: reminders[2].factType: 'tax.nothing' is not a fact type in the catalog");
    }

    [Fact]
    public void Parse_Problems_ExceptionMessageListsThem()
    {
        var error = Assert.Throws<RulesFileException>(() => Parse(File("\"version\": 0,", LicenceRule)));

        Assert.Equal("The reminders file has a problem:" + Environment.NewLine + "reminders.json:2: version: must be a positive integer", error.Message);
    }

    private static void AssertProblems(string json, params string[] expected)
    {
        var error = Assert.Throws<RulesFileException>(() => Parse(json));

        Assert.Equal([.. expected.Select(problem => $"{Source}:{problem}")], error.Problems);
    }
}
