using System.Collections.Frozen;
using System.Security.Cryptography;

namespace EnterpriseHub.Core.Credit;

/// <summary>The scores from which an enterprise is at level B, C and D; below <see cref="B"/> it is at A.</summary>
public sealed record CreditThresholds(decimal B, decimal C, decimal D);

/// <summary>A checked rules file; made by <see cref="CreditRulesFile"/> only, so its invariants hold.</summary>
public sealed class CreditRules
{
    internal CreditRules(
        int version, CreditThresholds thresholds, IReadOnlyDictionary<Severity, CreditLevel> floors, IReadOnlyList<CreditRule> rules)
    {
        Version = version;
        Thresholds = thresholds;
        Floors = floors.ToFrozenDictionary();
        Rules = [.. rules];
        FactTypes = rules.Select(rule => rule.FactType).ToFrozenSet(StringComparer.Ordinal);
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(CreditRulesCanonical.Utf8(this)));
    }

    /// <summary>The file's own version, stamped on every profile it makes.</summary>
    public int Version { get; }

    public CreditThresholds Thresholds { get; }

    /// <summary>The lowest level a signal of each listed severity sets; an unlisted severity sets none.</summary>
    public IReadOnlyDictionary<Severity, CreditLevel> Floors { get; }

    /// <summary>In the file's order.</summary>
    public IReadOnlyList<CreditRule> Rules { get; }

    /// <summary>The fact types the rules read: the facts an evaluation needs, and the ones whose arrival can change a level.</summary>
    public IReadOnlySet<string> FactTypes { get; }

    /// <summary>
    /// SHA-256 (lower-case hex) of the parsed rules, blind to layout and key order: a changed rule
    /// changes it even when the file's version was not raised.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The level the score alone gives.</summary>
    public CreditLevel LevelFor(decimal score) =>
        score >= Thresholds.D ? CreditLevel.D
        : score >= Thresholds.C ? CreditLevel.C
        : score >= Thresholds.B ? CreditLevel.B
        : CreditLevel.A;

    /// <summary>The lowest level a signal of <paramref name="severity"/> allows; A when the file sets none.</summary>
    public CreditLevel FloorFor(Severity severity) => Floors.TryGetValue(severity, out var level) ? level : CreditLevel.A;
}
