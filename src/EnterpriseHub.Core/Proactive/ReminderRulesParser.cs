using System.Text.RegularExpressions;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// Turns the parsed reminders file into <see cref="ReminderRules"/>, collecting every problem rather
/// than stopping at the first. What it returns is only meaningful when <see cref="LineJsonParser.Problems"/> is empty.
/// </summary>
internal sealed partial class ReminderRulesParser(string source, IReadOnlyCollection<FactTypeDefinition> catalog)
    : LineJsonParser(source)
{
    public const int MaxDaysBefore = 366;

    private static readonly string[] TopKeys = ["version", "reminders"];
    private static readonly string[] RuleKeys = ["name", "factType", "dateField", "monthDay", "daysBefore", "when", "kind", "title", "body"];
    private const string KindChoices = "notice, reminder, warning";

    private readonly Dictionary<string, FactTypeDefinition> types =
        catalog.DistinctBy(type => type.Name).ToDictionary(type => type.Name, StringComparer.Ordinal);

    public ReminderRules Read(LineJson root)
    {
        if (Object(root, "", TopKeys) is not { } top)
        {
            return new ReminderRules(0, []);
        }

        var version = PositiveInteger(Member(top, root, "", "version", required: true), "version") ?? 0;
        var rules = new List<ReminderRule>();
        var items = List(Member(top, root, "", "reminders", required: true), "reminders") ?? [];
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (Rule(items[i], $"reminders[{i}]", firstLines) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return new ReminderRules(version, rules);
    }

    private ReminderRule? Rule(LineJson node, string path, Dictionary<string, int> firstLines)
    {
        if (Object(node, path, RuleKeys) is not { } properties)
        {
            return null;
        }

        var name = UniqueName(properties, node, path, firstLines, "reminder");

        var schedule = Schedule(properties, node, path);
        var daysBefore = DaysBefore(Member(properties, node, path, "daysBefore", required: true), Join(path, "daysBefore"));
        var when = When(Member(properties, node, path, "when", required: false), Join(path, "when"));
        var kind = Kind(Member(properties, node, path, "kind", required: false), Join(path, "kind"));
        var title = Text(Member(properties, node, path, "title", required: true), Join(path, "title"));
        var body = Text(Member(properties, node, path, "body", required: true), Join(path, "body"));
        return name is null || schedule is null || daysBefore is null || title is null || body is null
            ? null
            : new ReminderRule(name, schedule, daysBefore.Value, when, kind, title, body);
    }

    private int? DaysBefore(LineJson? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Int32 is not (>= 1 and <= MaxDaysBefore))
        {
            Problem(node.Line, path, $"must be a whole number of days from 1 to {MaxDaysBefore}");
            return null;
        }

        return node.Int32;
    }

    /// <summary>The condition; its problems are reported on the file's line, at their column within the condition.</summary>
    private PolicyCondition? When(LineJson? node, string path)
    {
        if (String(node, path, nonBlank: true) is not { } text)
        {
            return null;
        }

        try
        {
            return PolicyCondition.Parse(text, catalog);
        }
        catch (ConditionException e)
        {
            ConditionProblems(node!, path, e);
            return null;
        }
    }

    private NoticeKind Kind(LineJson? node, string path)
    {
        var text = String(node, path, nonBlank: false);
        switch (text)
        {
            case null or "reminder":
                return NoticeKind.Reminder;
            case "notice":
                return NoticeKind.Notice;
            case "warning":
                return NoticeKind.Warning;
            default:
                Problem(node!.Line, path, $"'{text}' is not one of: {KindChoices}");
                return NoticeKind.Reminder;
        }
    }

    /// <summary>A title or body: not blank, and no placeholder but {date} and {name}.</summary>
    private string? Text(LineJson? node, string path)
    {
        if (String(node, path, nonBlank: true) is not { } text)
        {
            return null;
        }

        foreach (Match placeholder in PlaceholderPattern().Matches(text))
        {
            if (placeholder.Value is not ("{date}" or "{name}"))
            {
                Problem(node!.Line, path, $"'{placeholder.Value}' is not a placeholder; use {{date}} or {{name}}");
                return null;
            }
        }

        return text;
    }

    [GeneratedRegex("\\{[^{}]*\\}")]
    private static partial Regex PlaceholderPattern();
}
