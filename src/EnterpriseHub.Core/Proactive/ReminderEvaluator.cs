using System.Globalization;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// Which reminders are due for one enterprise at one moment, and when the next one falls due. Pure:
/// no clock, no I/O, and the same input (facts in any order) gives the same answer on every replica.
/// </summary>
/// <remarks>
/// Deadlines are calendar days in China Standard Time (UTC+8, no daylight saving). A reminder for
/// deadline D is due from the start of day D − daysBefore (inclusive) to the start of day D
/// (exclusive). A fact-date rule reads the date field of its type's current fact; a calendar rule
/// has a deadline on its day every year. The rule's condition, if any, must hold at the moment asked.
/// </remarks>
public static class ReminderEvaluator
{
    /// <summary>The offset of the days deadlines are counted in.</summary>
    public static readonly TimeSpan DayOffset = TimeSpan.FromHours(8);

    /// <summary>The reminders due at <paramref name="now"/>, in the rules' order and then by deadline.</summary>
    /// <param name="zone">The enterprise's zone name, for conditions; "" when none.</param>
    /// <param name="facts">The enterprise's facts of <see cref="ReminderRules.FactTypes"/>, history allowed, in any order.</param>
    public static IReadOnlyList<DueReminder> Due(
        ReminderRules rules, EnterpriseSummary enterprise, string zone, IReadOnlyList<Fact> facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(enterprise);
        ArgumentNullException.ThrowIfNull(facts);

        using var view = new ConditionFacts(enterprise, zone, facts, now);
        var today = Day(now).DayNumber;
        var due = new List<DueReminder>();
        foreach (var (rule, deadline) in Deadlines(rules, view, Day(now).Year))
        {
            if (deadline.DayNumber - rule.DaysBefore <= today && today < deadline.DayNumber)
            {
                due.Add(Reminder(rule, deadline, enterprise));
            }
        }

        return due;
    }

    /// <summary>
    /// The earliest moment after <paramref name="now"/> at which a reminder not due just before falls
    /// due for this enterprise, counting facts that take effect later; null when none ever will. A
    /// scheduler sleeps until then; facts that arrive meanwhile call for asking again.
    /// </summary>
    public static DateTimeOffset? NextChange(
        ReminderRules rules, EnterpriseSummary enterprise, string zone, IReadOnlyList<Fact> facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(enterprise);
        ArgumentNullException.ThrowIfNull(facts);

        // Between two effective times the facts in force stay the same, so only window openings can
        // make a reminder due; at an effective time the new facts can make one due at once.
        var changes = facts
            .Where(fact => fact.EffectiveTime > now && rules.FactTypes.Contains(fact.FactType))
            .Select(fact => fact.EffectiveTime)
            .Distinct()
            .Order()
            .ToList();
        var start = now;
        for (var i = 0; ; i++)
        {
            DateTimeOffset? end = i < changes.Count ? changes[i] : null;
            if (FirstOpening(rules, enterprise, zone, facts, start, end) is { } opening)
            {
                return opening;
            }

            if (end is not { } change)
            {
                return null;
            }

            var before = Due(rules, enterprise, zone, facts, change.AddTicks(-1)).Select(reminder => reminder.Key).ToHashSet(StringComparer.Ordinal);
            if (Due(rules, enterprise, zone, facts, change).Any(reminder => !before.Contains(reminder.Key)))
            {
                return change;
            }

            start = change;
        }
    }

    /// <summary>The first window opening in (start, end) with the facts in force at <paramref name="start"/>.</summary>
    private static DateTimeOffset? FirstOpening(
        ReminderRules rules, EnterpriseSummary enterprise, string zone, IReadOnlyList<Fact> facts, DateTimeOffset start, DateTimeOffset? end)
    {
        using var view = new ConditionFacts(enterprise, zone, facts, start);
        DateTimeOffset? first = null;
        foreach (var (rule, deadline) in Deadlines(rules, view, Day(start).Year))
        {
            if (Moment(deadline.DayNumber - rule.DaysBefore) is { } opens && opens > start && opens < end.GetValueOrDefault(DateTimeOffset.MaxValue)
                && (first is null || opens < first))
            {
                first = opens;
            }
        }

        return first;
    }

    /// <summary>Each rule's deadlines near <paramref name="year"/>, for the rules whose condition holds.</summary>
    private static IEnumerable<(ReminderRule Rule, DateOnly Deadline)> Deadlines(ReminderRules rules, ConditionFacts view, int year)
    {
        foreach (var rule in rules.Rules)
        {
            if (rule.When is { } when && !when.Matches(view))
            {
                continue;
            }

            switch (rule.Schedule)
            {
                case ReminderSchedule.FactDate date
                    when view.Attribute(date.FactType, date.DateField, FieldType.Date) is { Kind: ValueKind.Date } value:
                    yield return (rule, value.Day);
                    break;
                case ReminderSchedule.Calendar calendar:
                    // A window of at most 366 days: this year's deadline and the next two cover every window open now or opening within a year.
                    for (var y = year; y <= Math.Min(year + 2, DateOnly.MaxValue.Year); y++)
                    {
                        yield return (rule, new DateOnly(y, calendar.Month, calendar.Day));
                    }

                    break;
            }
        }
    }

    private static DueReminder Reminder(ReminderRule rule, DateOnly deadline, EnterpriseSummary enterprise)
    {
        var date = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = enterprise.Name.Length > 0 ? enterprise.Name : enterprise.Uscc;
        return new DueReminder(
            rule.Name, $"reminder:{rule.Name}:{date}", rule.Kind, Fill(rule.Title, date, name), Fill(rule.Body, date, name),
            Moment(deadline.DayNumber)!.Value);
    }

    // {date} first: a name holding "{date}" must stay as it is.
    private static string Fill(string text, string date, string name) =>
        text.Replace("{date}", date, StringComparison.Ordinal).Replace("{name}", name, StringComparison.Ordinal);

    private static DateOnly Day(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(DayOffset).DateTime);

    /// <summary>The start of a day; null for days whose start lies outside what a <see cref="DateTimeOffset"/> holds.</summary>
    private static DateTimeOffset? Moment(int dayNumber) =>
        dayNumber < 1 || dayNumber > DateOnly.MaxValue.DayNumber
            ? null
            : new DateTimeOffset(DateOnly.FromDayNumber(dayNumber).ToDateTime(TimeOnly.MinValue), DayOffset);
}
