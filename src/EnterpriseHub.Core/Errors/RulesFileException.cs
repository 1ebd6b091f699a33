namespace EnterpriseHub.Core.Errors;

/// <summary>
/// A file the hub takes its rules from (the catalog, the credit rules, the reminders) cannot be
/// used; <see cref="Problems"/> lists every problem, each with its line.
/// </summary>
/// <param name="file">What the file is, e.g. <c>catalog file</c>, for the message.</param>
public sealed class RulesFileException(string file, IReadOnlyList<string> problems)
    : Exception(Summarize(file, problems))
{
    /// <summary>Each as <c>source:line: path: what is wrong</c>, in file order.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Summarize(string file, IReadOnlyList<string> problems) =>
        (problems.Count == 1 ? $"The {file} has a problem:" : $"The {file} has {problems.Count} problems:")
        + Environment.NewLine + string.Join(Environment.NewLine, problems);
}
