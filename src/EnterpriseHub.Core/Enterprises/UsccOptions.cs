namespace EnterpriseHub.Core.Enterprises;

/// <summary>Configuration section <c>Hub:Uscc</c>.</summary>
public sealed class UsccOptions
{
    /// <summary>
    /// Codes from early pilot regions admitted although their check character does not match.
    /// Each must otherwise be well formed.
    /// </summary>
    public List<string> LegacyCodes { get; set; } = [];
}
