using System.Text;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// When a credit rule holds on one fact of its type, written in the condition language of policies
/// and reminders (<see cref="PolicyCondition"/>), e.g. <c>tax.arrears.amount &gt; 100000</c>. It reads
/// only the fields of the rule's fact type, the fact being tested; builtins and <c>exists</c> do not
/// apply. Parsed, type-checked against the catalog and compiled once, when the rules file is read.
/// </summary>
/// <remarks>
/// Unknown is not a match, as everywhere in the language: a comparison on a missing or null attribute
/// is false, <c>!=</c> included, and <c>!</c> negates that result, so
/// <c>!(court.dishonest_debtor.status == "lifted")</c> holds on a listing without a status.
/// </remarks>
public sealed class CreditCondition
{
    private readonly ConditionNode root;

    private CreditCondition(string source, ConditionNode root)
    {
        Source = source;
        this.root = root;
        var canonical = new StringBuilder();
        root.Write(canonical);
        Canonical = canonical.ToString();
    }

    /// <summary>The text as written.</summary>
    public string Source { get; }

    /// <summary>
    /// The condition without layout or comments, every comparison and connective in parentheses and
    /// every shorthand resolved, as <see cref="PolicyCondition.Canonical"/>.
    /// </summary>
    public string Canonical { get; }

    /// <summary>Parses and type-checks <paramref name="source"/> as a condition on a fact of <paramref name="factType"/>.</summary>
    /// <exception cref="ConditionException">The first syntax error, or every type error, each with its line and column.</exception>
    public static CreditCondition Parse(string source, string factType, IReadOnlyCollection<FactTypeDefinition> catalog)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(factType);
        ArgumentNullException.ThrowIfNull(catalog);

        var syntax = ConditionParser.Parse(source);
        return new CreditCondition(source, new ConditionChecker(catalog, factType).Check(syntax));
    }

    /// <summary>Whether the condition holds on the fact <paramref name="fact"/> points at.</summary>
    internal bool Holds(CreditFactView fact) => root.Evaluate(fact).IsTrue;

    public override string ToString() => Source;
}
