using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// Reads the reminders file (camelCase JSON) and checks it against the catalog. The format is
/// strict and every problem is reported at once, each with its line, so a bad file stops the hub at
/// start with the whole list.
/// </summary>
/// <remarks>
/// <code>
/// {
///   "version": 1,                                  // raise with every change
///   "reminders": [
///     { "name": "licence_expiry",                  // lower snake case, unique
///       "factType": "amr.business_license",        // the deadline is a date field of the type's current fact...
///       "dateField": "valid_until",
///       "daysBefore": 30,                          // due from 30 days before the deadline until the deadline, 1..366
///       "when": "amr.business_license.status in [\"存续\", \"在业\"]",  // optional: a condition in the policy language
///       "kind": "reminder",                        // optional: notice, reminder (default) or warning
///       "title": "营业执照将于 {date} 到期",          // {date} the deadline, {name} the enterprise's name
///       "body": "..." },
///     { "name": "annual_report", "monthDay": "06-30", "daysBefore": 30,  // ...or the same day every year (not 02-29)
///       "when": "exists(amr.business_license)", "title": "...", "body": "..." }
///   ]
/// }
/// </code>
/// A problem in a condition is reported on the file's line with the column within the condition.
/// </remarks>
public static class ReminderRulesFile
{
    /// <summary>Reads and checks the file at <paramref name="path"/>; I/O errors propagate as they are.</summary>
    /// <param name="catalog">The fact types the rules may read, with their schemas.</param>
    /// <exception cref="RulesFileException">The content has problems; all of them are listed.</exception>
    public static ReminderRules Load(string path, IReadOnlyCollection<FactTypeDefinition> catalog) =>
        Parse(File.ReadAllText(path), path, catalog);

    /// <summary>Checks <paramref name="json"/>; <paramref name="sourceName"/> prefixes every problem.</summary>
    /// <exception cref="RulesFileException">The content has problems; all of them are listed.</exception>
    public static ReminderRules Parse(string json, string sourceName, IReadOnlyCollection<FactTypeDefinition> catalog)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(catalog);

        if (LineJsonParser.Parse(json, sourceName, out var syntax) is not { } root)
        {
            throw new RulesFileException("reminders file", [syntax!]);
        }

        var reader = new ReminderRulesParser(sourceName, catalog);
        var rules = reader.Read(root);
        var problems = reader.Problems;
        return problems.Count == 0 ? rules : throw new RulesFileException("reminders file", problems);
    }
}
