namespace EnterpriseHub.Core.Credit;

/// <summary>Explains a change of profile in the words of an alert.</summary>
public static class CreditChange
{
    /// <summary>
    /// Which signals started and ended, then the level, e.g.
    /// <c>dishonest_debtor started (court.dishonest_debtor by court, record X); level C → D</c>. Names only
    /// rules, fact types, publishers and record ids: never attribute values, which the reader of an
    /// alert may not be allowed to see.
    /// </summary>
    /// <param name="before">The previous profile; null when the enterprise had none.</param>
    public static string Describe(CreditProfile? before, CreditProfile after)
    {
        ArgumentNullException.ThrowIfNull(after);

        var previous = before?.Signals ?? [];
        var parts = new List<string>();
        foreach (var signal in after.Signals.Where(signal => !previous.Any(old => SameSignal(old, signal))))
        {
            parts.Add($"{signal.Rule} started ({Source(signal.Fact)})");
        }

        foreach (var signal in previous.Where(signal => !after.Signals.Any(now => SameSignal(now, signal))))
        {
            parts.Add($"{signal.Rule} ended ({Source(signal.Fact)})");
        }

        if (before is not null && before.RulesVersion != after.RulesVersion)
        {
            parts.Add($"rules version {before.RulesVersion} → {after.RulesVersion}");
        }

        parts.Add(before is null || before.Level == after.Level
            ? $"level {after.Level}"
            : $"level {before.Level} → {after.Level}");
        return string.Join("; ", parts);
    }

    // The same rule on the same fact; a weight or window that moved with new rules is not a new signal.
    private static bool SameSignal(CreditSignal x, CreditSignal y) => x.Rule == y.Rule && x.Fact == y.Fact;

    private static string Source(FactRef fact) => $"{fact.FactType} by {fact.Publisher}, record {fact.SourceRecordId}";
}
