using System.Collections.Frozen;
using System.Text;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// A policy's eligibility condition in the hub's expression language, parsed and type-checked
/// against the catalog, e.g. <c>zone == "nansha" &amp;&amp; industry in ["C39", "I65"] &amp;&amp; hrss.insured_headcount &lt; 100</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>||</c>, <c>&amp;&amp;</c> (binding tighter), <c>!</c> and parentheses; comparisons
/// <c>== != &lt; &lt;= &gt; &gt;=</c>, <c>in [...]</c> and <c>not in [...]</c>, which do not chain.</item>
/// <item>Literals: <c>"text"</c> (escapes <c>\"</c> and <c>\\</c>), numbers (<c>-12</c>, <c>0.5</c>),
/// <c>true</c>, <c>false</c>, <c>date("2026-06-30")</c>.</item>
/// <item>Operands: <c>zone</c> (the enterprise's zone, "" when none), <c>division</c> (6 digits of the
/// USCC), <c>industry</c>, <c>name</c>, <c>uscc</c>; <c>owner.type.field</c> reads the type's current
/// fact; <c>owner.type</c> stands for the type's only integer or decimal field;
/// <c>exists(owner.type)</c> whether the enterprise has a current fact of the type.</item>
/// <item>Strings order by code point, numbers exactly, dates by day; enums and booleans have no order.</item>
/// <item>Whitespace and newlines anywhere; <c>//</c> starts a comment to the end of the line.</item>
/// <item>Unknown is not a match: a comparison, <c>in</c> or <c>not in</c> on a missing fact or a
/// missing or null attribute is false, <c>!=</c> included, and <c>!</c> negates that result (so
/// <c>!(x &lt; 100)</c> holds where x is unknown, <c>x &gt;= 100</c> does not).</item>
/// </list>
/// </remarks>
public sealed class PolicyCondition
{
    private readonly ConditionNode root;

    private PolicyCondition(string source, ConditionNode root, IReadOnlySet<string> factTypes)
    {
        Source = source;
        this.root = root;
        FactTypes = factTypes;
        var canonical = new StringBuilder();
        root.Write(canonical);
        Canonical = canonical.ToString();
    }

    /// <summary>The text as written.</summary>
    public string Source { get; }

    /// <summary>The fact types the condition reads: the only facts <see cref="Matches"/> needs.</summary>
    public IReadOnlySet<string> FactTypes { get; }

    /// <summary>
    /// The condition without layout or comments, every comparison and connective in parentheses and
    /// every shorthand resolved: two conditions with one canonical form select the same enterprises.
    /// </summary>
    public string Canonical { get; }

    /// <summary>Parses and type-checks <paramref name="source"/>.</summary>
    /// <exception cref="ConditionException">The first syntax error, or every type error, each with its line and column.</exception>
    public static PolicyCondition Parse(string source, IReadOnlyCollection<FactTypeDefinition> catalog)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(catalog);

        var syntax = ConditionParser.Parse(source);
        var checker = new ConditionChecker(catalog);
        var root = checker.Check(syntax);
        return new PolicyCondition(source, root, checker.FactTypes.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>Whether the condition selects the enterprise at <paramref name="now"/>. Pure and deterministic.</summary>
    /// <param name="zone">The enterprise's zone name; "" (or null) when it has none.</param>
    /// <param name="facts">
    /// The enterprise's facts of <see cref="FactTypes"/>, history allowed, in any order; others are
    /// ignored. Each reference reads its type's current fact: the greatest (effective time, sequence)
    /// among those effective at or before <paramref name="now"/>.
    /// </param>
    public bool Matches(EnterpriseSummary enterprise, string zone, IReadOnlyList<Fact> facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        ArgumentNullException.ThrowIfNull(facts);

        using var view = new ConditionFacts(enterprise, zone, facts, now);
        return Matches(view);
    }

    internal bool Matches(ConditionFacts facts) => root.Evaluate(facts).IsTrue;

    public override string ToString() => Source;
}
