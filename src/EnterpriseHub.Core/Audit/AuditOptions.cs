namespace EnterpriseHub.Core.Audit;

/// <summary>Configuration section <c>Hub:Audit</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>Minutes between two checkpoints (the chain's head) written to the log.</summary>
    public int CheckpointIntervalMinutes { get; set; } = 10;

    public IEnumerable<string> Validate()
    {
        if (CheckpointIntervalMinutes is < 1 or > 1440)
        {
            yield return "Hub:Audit:CheckpointIntervalMinutes must be between 1 and 1440.";
        }
    }
}
