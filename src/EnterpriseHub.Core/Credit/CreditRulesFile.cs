using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// Reads the credit rules file (camelCase JSON) and checks it against the catalog. The format is
/// strict and every problem is reported at once, each with its line, so a bad file stops the hub at
/// start with the whole list rather than one error per restart.
/// </summary>
/// <remarks>
/// <code>
/// {
///   "version": 1,                                        // raise with every change; stamped on profiles
///   "thresholds": { "B": 10, "C": 40, "D": 80 },         // score from which each level applies, rising
///   "floors": { "medium": "B", "high": "C", "severe": "D" }, // optional: lowest level per severity
///   "rules": [
///     { "name": "tax_arrears", "factType": "tax.arrears",
///       "when": "tax.arrears.amount > 100000",          // optional: a condition on the fact, in the language of policies
///       "severity": "medium",                            // low, medium, high, severe
///       "weight": 20,                                    // or { "field": "amount", "per": 10000, "max": 30 }
///       "windowDays": 365,                               // optional: the signal lasts this long from the fact's effective time
///       "each": "decision_number",                       // optional: every fact counts, the latest per key value
///       "reason": "Owes more than 100,000 CNY in unpaid tax" }
///   ]
/// }
/// </code>
/// The file itself holds no comments (JSON has none).
/// </remarks>
public static class CreditRulesFile
{
    /// <summary>Reads and checks the file at <paramref name="path"/>; I/O errors propagate as they are.</summary>
    /// <param name="catalog">The fact types the rules may read, with their schemas.</param>
    /// <exception cref="RulesFileException">The content has problems; all of them are listed.</exception>
    public static CreditRules Load(string path, IReadOnlyCollection<FactTypeDefinition> catalog) =>
        Parse(File.ReadAllText(path), path, catalog);

    /// <summary>Checks <paramref name="json"/>; <paramref name="sourceName"/> prefixes every problem.</summary>
    /// <exception cref="RulesFileException">The content has problems; all of them are listed.</exception>
    public static CreditRules Parse(string json, string sourceName, IReadOnlyCollection<FactTypeDefinition> catalog)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(catalog);

        if (LineJsonParser.Parse(json, sourceName, out var syntax) is not { } root)
        {
            throw new RulesFileException("credit rules file", [syntax!]);
        }

        var reader = new CreditRulesParser(sourceName, catalog);
        var rules = reader.Read(root);
        var problems = reader.Problems;
        return problems.Count == 0 ? rules : throw new RulesFileException("credit rules file", problems);
    }
}
