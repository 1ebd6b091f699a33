using System.Collections.Frozen;
using System.Security.Cryptography;

namespace EnterpriseHub.Core.Proactive;

/// <summary>A checked reminders file; made by <see cref="ReminderRulesFile"/> only, so its invariants hold.</summary>
public sealed class ReminderRules
{
    internal ReminderRules(int version, IReadOnlyList<ReminderRule> rules)
    {
        Version = version;
        Rules = [.. rules];
        FactTypes = rules
            .SelectMany(rule => (rule.Schedule is ReminderSchedule.FactDate date ? [date.FactType] : Array.Empty<string>())
                .Concat(rule.When?.FactTypes ?? Enumerable.Empty<string>()))
            .ToFrozenSet(StringComparer.Ordinal);
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(ReminderRulesCanonical.Utf8(this)));
    }

    /// <summary>The file's own version.</summary>
    public int Version { get; }

    /// <summary>In the file's order.</summary>
    public IReadOnlyList<ReminderRule> Rules { get; }

    /// <summary>The fact types the rules read: the facts an evaluation needs, and the ones whose arrival can change what is due.</summary>
    public IReadOnlySet<string> FactTypes { get; }

    /// <summary>
    /// SHA-256 (lower-case hex) of the parsed rules, blind to layout and key order: a changed rule
    /// changes it even when the file's version was not raised.
    /// </summary>
    public string Fingerprint { get; }
}
