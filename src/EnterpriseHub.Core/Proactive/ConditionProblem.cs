namespace EnterpriseHub.Core.Proactive;

/// <summary>What is wrong with a condition and where: the 1-based line and column of the offending token.</summary>
public sealed record ConditionProblem(int Line, int Column, string Reason)
{
    /// <summary><c>line 1, column 38: unknown field 'headcnt' of hrss.insured_headcount</c>.</summary>
    public override string ToString() => $"line {Line}, column {Column}: {Reason}";
}

/// <summary>
/// A condition cannot be used. <see cref="Problems"/> holds every type error found, or the first
/// syntax error (past a syntax error the rest of the text cannot be read reliably).
/// </summary>
public sealed class ConditionException(IReadOnlyList<ConditionProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    /// <summary>In the order they occur in the text.</summary>
    public IReadOnlyList<ConditionProblem> Problems { get; } = problems;
}
