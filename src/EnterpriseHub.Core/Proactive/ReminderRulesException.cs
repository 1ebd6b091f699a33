namespace EnterpriseHub.Core.Proactive;

/// <summary>The reminders file cannot be used; <see cref="Problems"/> lists every problem, each with its line.</summary>
public sealed class ReminderRulesException(IReadOnlyList<string> problems)
    : Exception(Summarize(problems))
{
    /// <summary>Each as <c>source:line: path: what is wrong</c>, in file order.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Summarize(IReadOnlyList<string> problems) =>
        (problems.Count == 1 ? "The reminders file has a problem:" : $"The reminders file has {problems.Count} problems:")
        + Environment.NewLine + string.Join(Environment.NewLine, problems);
}
