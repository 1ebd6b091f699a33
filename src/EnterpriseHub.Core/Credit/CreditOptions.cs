namespace EnterpriseHub.Core.Credit;

/// <summary>Configuration section <c>Hub:Credit</c>.</summary>
public sealed class CreditOptions
{
    /// <summary>The rules file loaded at start; relative paths resolve against the hub's folder.</summary>
    public string RulesPath { get; set; } = "Credit/credit-rules.json";

    /// <summary>
    /// Whether this process runs the credit projection (leads it, or stands by for its lease). False
    /// on a replica that only serves; some replica on the store must run it, or levels stop moving.
    /// </summary>
    public bool Evaluate { get; set; } = true;
}
