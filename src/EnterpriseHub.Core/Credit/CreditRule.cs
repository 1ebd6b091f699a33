namespace EnterpriseHub.Core.Credit;

/// <summary>One rule of the rules file: which facts it reads, when it holds and what it weighs.</summary>
/// <param name="Name">Unique in the file, lower snake case; names the signal.</param>
/// <param name="When">What must hold on the fact for it to count; null: every fact counts.</param>
/// <param name="WindowDays">How long a signal lasts from its fact's effective time; null while the fact stays current.</param>
/// <param name="Each">
/// A key field for event-like types: every fact counts, the latest per key value superseding earlier
/// ones with that key. Null: only the type's current fact counts.
/// </param>
/// <param name="Reason">English text shown to officers.</param>
public sealed record CreditRule(
    string Name,
    string FactType,
    CreditCondition? When,
    Severity Severity,
    CreditWeight Weight,
    int? WindowDays,
    string? Each,
    string Reason);

/// <summary>What a signal adds to the score.</summary>
public abstract record CreditWeight
{
    private CreditWeight()
    {
    }

    /// <summary>The same weight for every signal of the rule.</summary>
    public sealed record Fixed(decimal Value) : CreditWeight;

    /// <summary>
    /// min(<paramref name="Max"/>, value / <paramref name="Per"/>) from a numeric field, never below
    /// zero; zero when the fact lacks the field.
    /// </summary>
    public sealed record ByField(string Field, decimal Per, decimal Max) : CreditWeight;
}
