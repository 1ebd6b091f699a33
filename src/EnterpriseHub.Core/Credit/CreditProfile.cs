namespace EnterpriseHub.Core.Credit;

/// <summary>An enterprise's credit level: A is sound, D the highest risk.</summary>
public enum CreditLevel
{
    A,
    B,
    C,
    D,
}

/// <summary>How grave a signal is; the rules file maps the gravest signal present to a lowest level.</summary>
public enum Severity
{
    Low,
    Medium,
    High,
    Severe,
}

/// <summary>The fact behind a signal, so that an officer can explain the rating and the enterprise can object to it.</summary>
public sealed record FactRef(
    string FactType, string Publisher, string SourceRecordId, long Sequence, DateTimeOffset EffectiveTime, DateTimeOffset PublishTime);

/// <summary>One rule that holds for an enterprise now, with the fact that makes it hold.</summary>
/// <param name="Rule">The rule's name in the rules file.</param>
/// <param name="Reason">The rule's own words, e.g. "on the courts' dishonest judgment-debtor list".</param>
/// <param name="EndsAt">When the rule's window passes and the signal ends by itself; null when it lasts until the fact changes.</param>
public sealed record CreditSignal(string Rule, Severity Severity, decimal Weight, string Reason, FactRef Fact, DateTimeOffset? EndsAt);

/// <summary>
/// What the rules make of an enterprise's facts at one moment: its level, its score (the sum of
/// its signals' weights) and each signal, gravest first.
/// </summary>
/// <param name="NextChange">The earliest moment a signal ends by itself, when the profile must be evaluated again; null when none will.</param>
/// <param name="RulesVersion">The version of the rules file that made it.</param>
public sealed record CreditProfile(
    string Uscc, CreditLevel Level, decimal Score, IReadOnlyList<CreditSignal> Signals, DateTimeOffset? NextChange, int RulesVersion)
{
    // Records compare list members by reference; two evaluations of the same facts must compare equal.
    public bool Equals(CreditProfile? other) =>
        other is not null
        && Uscc == other.Uscc
        && Level == other.Level
        && Score == other.Score
        && NextChange == other.NextChange
        && RulesVersion == other.RulesVersion
        && Signals.SequenceEqual(other.Signals);

    public override int GetHashCode() => HashCode.Combine(Uscc, Level, Score, Signals.Count, NextChange, RulesVersion);
}

/// <summary>A change of an enterprise's level, kept in order: <see cref="Sequence"/> is the position a watch resumes after.</summary>
/// <param name="FactSequence">The fact whose arrival changed the level; null when a window passed or the rules changed.</param>
public sealed record CreditAlert(
    long Sequence, string Uscc, CreditLevel Before, CreditLevel After, string Reason, DateTimeOffset Time, long? FactSequence);
