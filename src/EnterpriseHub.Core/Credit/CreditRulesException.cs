namespace EnterpriseHub.Core.Credit;

/// <summary>The credit rules file cannot be used; <see cref="Problems"/> lists every problem, each with its line.</summary>
public sealed class CreditRulesException(IReadOnlyList<string> problems)
    : Exception(Summarize(problems))
{
    /// <summary>Each as <c>source:line: path: what is wrong</c>, in file order.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Summarize(IReadOnlyList<string> problems) =>
        (problems.Count == 1 ? "The credit rules file has a problem:" : $"The credit rules file has {problems.Count} problems:")
        + Environment.NewLine + string.Join(Environment.NewLine, problems);
}
