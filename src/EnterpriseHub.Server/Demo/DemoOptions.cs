namespace EnterpriseHub.Server.Demo;

/// <summary>Configuration section <c>Hub:Demo</c>: the synthetic zone loaded into an empty store in Development.</summary>
public sealed class DemoOptions
{
    /// <summary>Load the demo zone when the store is empty (Development only).</summary>
    public bool Enabled { get; set; }

    /// <summary>Enterprises generated in each of the three zones.</summary>
    public int EnterprisesPerZone { get; set; } = 1000;

    internal IEnumerable<string> Validate()
    {
        if (EnterprisesPerZone is < 1 or > 100_000)
        {
            yield return "Hub:Demo:EnterprisesPerZone must be between 1 and 100000.";
        }
    }
}
