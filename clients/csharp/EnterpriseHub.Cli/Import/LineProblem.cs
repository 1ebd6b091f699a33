namespace EnterpriseHub.Cli.Import;

/// <summary>One problem of one input line: the field (proto name, or CSV column) and what is wrong, in the hub's words.</summary>
internal sealed record LineProblem(string Field, string Description);

/// <summary>An input line read and parsed: the draft when it parsed, and every problem found in it.</summary>
internal sealed record ParsedLine(InputLine Line, EnterpriseHub.V1.FactDraft? Draft, IReadOnlyList<LineProblem> Problems)
{
    public bool IsGood => Draft is not null && Problems.Count == 0;
}
