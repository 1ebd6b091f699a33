namespace EnterpriseHub.Server.Hosting;

/// <summary>
/// The <c>Hub:Limits</c> section: Kestrel's connection limits, each set on purpose (see
/// <see cref="EdgeExtensions"/> and docs/quotas.md for the reasons behind every default).
/// </summary>
public sealed class EdgeLimitOptions
{
    /// <summary>Open connections, TLS handshakes in progress included, on this replica.</summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS: calls in flight on one connection; clients queue above it.</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;

    /// <summary>How long a new connection may take to complete its TLS handshake, ClientHello included.</summary>
    public double HandshakeTimeoutSeconds { get; set; } = 10;

    /// <summary>How long a call's request headers may take to arrive once they have begun.</summary>
    public double RequestHeadersTimeoutSeconds { get; set; } = 10;

    /// <summary>How long a connection with no call in flight stays open (then GOAWAY; clients reconnect on their next call).</summary>
    public double IdleTimeoutSeconds { get; set; } = 120;

    /// <summary>After this long without a frame from the client the hub pings it; 0 turns pings off.</summary>
    public double KeepAlivePingDelaySeconds { get; set; } = 60;

    /// <summary>A ping unanswered for this long closes the connection (and frees its streams' quota slots).</summary>
    public double KeepAlivePingTimeoutSeconds { get; set; } = 20;

    internal IEnumerable<string> Validate()
    {
        if (MaxConnections is < 1 or > 1_000_000)
        {
            yield return "Hub:Limits:MaxConnections must be between 1 and 1000000.";
        }

        if (MaxStreamsPerConnection is < 1 or > 10_000)
        {
            yield return "Hub:Limits:MaxStreamsPerConnection must be between 1 and 10000.";
        }

        foreach (var (name, value, minimum) in new[]
                 {
                     (nameof(HandshakeTimeoutSeconds), HandshakeTimeoutSeconds, 0.1),
                     (nameof(RequestHeadersTimeoutSeconds), RequestHeadersTimeoutSeconds, 0.1),
                     (nameof(IdleTimeoutSeconds), IdleTimeoutSeconds, 0.1),
                     (nameof(KeepAlivePingTimeoutSeconds), KeepAlivePingTimeoutSeconds, 1.0),
                 })
        {
            if (double.IsNaN(value) || value < minimum || value > 3600)
            {
                yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Hub:Limits:{name} must be between {minimum} and 3600 seconds.");
            }
        }

        // Kestrel refuses a ping delay under a second.
        if (double.IsNaN(KeepAlivePingDelaySeconds) || (KeepAlivePingDelaySeconds != 0 && KeepAlivePingDelaySeconds is < 1 or > 3600))
        {
            yield return "Hub:Limits:KeepAlivePingDelaySeconds must be 0 (no pings) or between 1 and 3600 seconds.";
        }
    }
}
