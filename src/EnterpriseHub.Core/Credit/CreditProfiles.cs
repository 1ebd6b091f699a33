namespace EnterpriseHub.Core.Credit;

/// <summary>Comparisons of profiles, by value (records compare their lists by reference).</summary>
public static class CreditProfiles
{
    public static bool Same(CreditProfile a, CreditProfile b) =>
        a.Uscc == b.Uscc
        && a.Level == b.Level
        && a.Score == b.Score
        && a.NextChange == b.NextChange
        && a.RulesVersion == b.RulesVersion
        && a.Signals.SequenceEqual(b.Signals);
}
