namespace EnterpriseHub.Core.Proactive;

/// <summary>One rule of the reminders file: which deadline it watches, how early it reminds and what it says.</summary>
/// <param name="Name">Unique in the file, lower snake case; part of every key the rule makes.</param>
/// <param name="DaysBefore">The reminder is due from this many days before the deadline (1 to 366).</param>
/// <param name="When">Only enterprises this condition selects are reminded; null for every enterprise.</param>
/// <param name="Title">May hold <c>{date}</c> (the deadline) and <c>{name}</c> (the enterprise's name).</param>
/// <param name="Body">May hold the same placeholders as the title.</param>
public sealed record ReminderRule(
    string Name, ReminderSchedule Schedule, int DaysBefore, PolicyCondition? When, NoticeKind Kind, string Title, string Body);

/// <summary>Where a rule's deadline comes from.</summary>
public abstract record ReminderSchedule
{
    private ReminderSchedule()
    {
    }

    /// <summary>The date in a date field of the type's current fact, e.g. a licence's last valid day.</summary>
    public sealed record FactDate(string FactType, string DateField) : ReminderSchedule;

    /// <summary>The same day every year, e.g. the annual report's 30 June; never 29 February.</summary>
    public sealed record Calendar(int Month, int Day) : ReminderSchedule;
}

/// <summary>A reminder due for one enterprise.</summary>
/// <param name="Key"><c>reminder:&lt;rule&gt;:&lt;deadline as yyyy-MM-dd&gt;</c>: one deadline is reminded once, a new deadline anew.</param>
/// <param name="Title">With its placeholders filled in.</param>
/// <param name="DueAt">The deadline: the start of its day in China Standard Time, when the reminder stops being due.</param>
public sealed record DueReminder(string Rule, string Key, NoticeKind Kind, string Title, string Body, DateTimeOffset DueAt);
