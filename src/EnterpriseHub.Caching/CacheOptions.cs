namespace EnterpriseHub.Caching;

/// <summary>Configuration section <c>Hub:Cache</c>: where profile lookups are cached and how long the hub waits for it.</summary>
public sealed class CacheOptions
{
    /// <summary>
    /// False to read every profile, grant list and catalog from the store (for measurements and
    /// diagnosis; correct, but every lookup costs store queries).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A StackExchange.Redis configuration string (e.g. <c>redis-1:6379,password=…</c>); empty for
    /// an in-memory cache, which suits one hub process only.
    /// </summary>
    public string Redis { get; set; } = string.Empty;

    /// <summary>Prefix of every key the hub writes, so several hubs can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "hub:";

    /// <summary>How long a cache call may take before the lookup goes to the store instead.</summary>
    public int TimeoutMilliseconds { get; set; } = 250;

    /// <summary>After a failed cache call, how long the hub leaves the cache alone before trying again.</summary>
    public double RetrySeconds { get; set; } = 5;

    /// <summary>How long an entry lives at most, which bounds any staleness the hub could not prevent.</summary>
    public int EntryMinutes { get; set; } = 10;

    /// <summary>The in-memory cache's size limit, when there is no Redis.</summary>
    public int MemoryMegabytes { get; set; } = 256;

    /// <summary>Every problem of the section, not only the first.</summary>
    public IEnumerable<string> Validate()
    {
        if (TimeoutMilliseconds is < 1 or > 10_000)
        {
            yield return "Hub:Cache:TimeoutMilliseconds must be between 1 and 10000.";
        }

        if (RetrySeconds is < 0.05 or > 600)
        {
            yield return "Hub:Cache:RetrySeconds must be between 0.05 and 600.";
        }

        if (MemoryMegabytes is < 1 or > 65536)
        {
            yield return "Hub:Cache:MemoryMegabytes must be between 1 and 65536.";
        }

        if (EntryMinutes is < 1 or > 1440)
        {
            yield return "Hub:Cache:EntryMinutes must be between 1 and 1440.";
        }
    }
}
