namespace EnterpriseHub.Client;

/// <summary>How a resumable stream reconnects after a broken connection or a hub restart.</summary>
public sealed record ResumeOptions
{
    /// <summary>Reconnect from 0.2 s doubling up to 10 s, giving up after 30 failures in a row.</summary>
    public static ResumeOptions Default { get; } = new();

    /// <summary>The wait before the first reconnect.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The bound on any wait between reconnects.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Failed connections in a row (no event or heartbeat in between) after which the last error is
    /// thrown; 0 reconnects for ever.
    /// </summary>
    public int MaxConsecutiveFailures { get; init; } = 30;

    /// <summary>The clock the waits are counted on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Called before each reconnect with the position it resumes after and the error, if any.</summary>
    public Action<long, HubError?>? OnReconnect { get; init; }

    /// <summary>
    /// Called each time the stream's position moves, by an event or a heartbeat: what a caller keeps
    /// to resume after (e.g. a web page's <c>Last-Event-ID</c>), and how it learns where a stream
    /// opened from the end starts.
    /// </summary>
    public Action<long>? OnPosition { get; init; }

    internal TimeSpan Backoff(int failures)
    {
        if (InitialBackoff <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var bound = InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(bound, MaxBackoff.TotalMilliseconds);
        // Half fixed, half random, so that many clients cut by one restart do not come back at once.
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }
}
