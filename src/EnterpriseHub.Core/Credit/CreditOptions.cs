namespace EnterpriseHub.Core.Credit;

/// <summary>Configuration section <c>Hub:Credit</c>.</summary>
public sealed class CreditOptions
{
    /// <summary>The rules file loaded at start; relative paths resolve against the hub's folder.</summary>
    public string RulesPath { get; set; } = "Credit/credit-rules.json";
}
