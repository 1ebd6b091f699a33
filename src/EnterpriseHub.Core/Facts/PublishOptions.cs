namespace EnterpriseHub.Core.Facts;

/// <summary>Configuration section <c>Hub:Publish</c>: limits on what one call may publish.</summary>
public sealed class PublishOptions
{
    /// <summary>Facts per batch or stream chunk.</summary>
    public int MaxBatchSize { get; set; } = 5000;

    /// <summary>Size of one fact's attributes as JSON text, in characters.</summary>
    public int MaxAttributesLength { get; set; } = 65536;

    /// <summary>Length of a publisher's record id.</summary>
    public int MaxSourceRecordIdLength { get; set; } = 128;

    public IEnumerable<string> Validate()
    {
        if (MaxBatchSize is < 1 or > 100_000)
        {
            yield return "Hub:Publish:MaxBatchSize must be between 1 and 100000.";
        }

        if (MaxAttributesLength is < 2 or > 4_000_000)
        {
            yield return "Hub:Publish:MaxAttributesLength must be between 2 and 4000000.";
        }

        if (MaxSourceRecordIdLength is < 1 or > 1024)
        {
            yield return "Hub:Publish:MaxSourceRecordIdLength must be between 1 and 1024.";
        }
    }
}
