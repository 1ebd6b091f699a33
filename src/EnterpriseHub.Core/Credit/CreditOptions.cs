namespace EnterpriseHub.Core.Credit;

/// <summary>Configuration section <c>Hub:Credit</c>.</summary>
public sealed class CreditOptions
{
    /// <summary>The rules file loaded at start; relative paths resolve against the hub's folder.</summary>
    public string RulesPath { get; set; } = "Credit/credit-rules.json";

    /// <summary>
    /// The supervision departments that may read credit data (profiles, risk lists, alerts). An
    /// enterprise reads its own through the portal.
    /// </summary>
    public List<string> Readers { get; set; } = ["amr", "tax", "customs", "court"];
}
