using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Credit;

/// <summary>One rule of the rules file: which facts it reads, when it holds and what it weighs.</summary>
/// <param name="Name">Unique in the file, lower snake case; names the signal.</param>
/// <param name="Conditions">All must hold on the fact's attributes; none means every fact counts.</param>
/// <param name="WindowDays">How long a signal lasts from its fact's effective time; null while the fact stays current.</param>
/// <param name="Each">
/// A key field for event-like types: every fact counts, the latest per key value superseding earlier
/// ones with that key. Null: only the type's current fact counts.
/// </param>
/// <param name="Reason">English text shown to officers.</param>
public sealed record CreditRule(
    string Name,
    string FactType,
    IReadOnlyList<CreditCondition> Conditions,
    Severity Severity,
    CreditWeight Weight,
    int? WindowDays,
    string? Each,
    string Reason);

/// <summary>A test on one attribute. A missing attribute never equals a value: only <see cref="CreditOperator.Ne"/> holds on it.</summary>
/// <param name="FieldType">The field's type in the catalog the rules were checked against.</param>
/// <param name="Values">
/// One value, or for <see cref="CreditOperator.In"/> the listed ones, as text: strings and enum values as
/// they are, numbers in invariant form without trailing zeros, <c>true</c>/<c>false</c>, dates <c>YYYY-MM-DD</c>.
/// </param>
public sealed record CreditCondition(string Field, FieldType FieldType, CreditOperator Operator, IReadOnlyList<string> Values);

/// <summary>How a condition compares; spelled in lower case in the rules file.</summary>
public enum CreditOperator
{
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,

    /// <summary>Equals one of the listed values.</summary>
    In,
}

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
