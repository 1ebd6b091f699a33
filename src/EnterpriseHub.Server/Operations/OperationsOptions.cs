using System.Net;

namespace EnterpriseHub.Server.Operations;

/// <summary>
/// <c>Hub:Operations</c>: the plain-HTTP listener for the machine's own probes and scrapers
/// (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>), draining, and where traces go.
/// </summary>
public sealed class OperationsOptions
{
    /// <summary>address:port of the operations listener (port 0 takes a free one); empty or <c>off</c> for none.</summary>
    public string Listen { get; set; } = "127.0.0.1:9464";

    /// <summary>How long a stopping hub keeps serving while it reports itself not ready, so balancers take it out of rotation.</summary>
    public int DrainSeconds { get; set; } = 5;

    /// <summary>How long readiness waits for the store to answer before it counts as unreachable.</summary>
    public int StoreTimeoutMilliseconds { get; set; } = 2000;

    /// <summary>OTLP/HTTP (protobuf) collector base address, e.g. http://127.0.0.1:4318; empty for no trace export.</summary>
    public string OtlpEndpoint { get; set; } = "";

    internal bool Enabled => Listen.Length > 0 && !string.Equals(Listen, "off", StringComparison.OrdinalIgnoreCase);

    internal IPEndPoint ListenEndPoint => IPEndPoint.Parse(Listen);

    internal Uri? OtlpUri => OtlpEndpoint.Length == 0 ? null : new Uri(OtlpEndpoint);

    internal IEnumerable<string> Validate(IPEndPoint? tls)
    {
        if (Enabled && !IPEndPoint.TryParse(Listen, out _))
        {
            yield return $"Hub:Operations:Listen '{Listen}' is not an address:port such as 127.0.0.1:9464 (or empty / off for none).";
        }
        else if (Enabled && tls is { Port: > 0 } && ListenEndPoint.Port == tls.Port)
        {
            yield return $"Hub:Operations:Listen '{Listen}' uses the port of Hub:Tls:Listen; the operations listener needs a port of its own.";
        }

        if (DrainSeconds is < 0 or > 300)
        {
            yield return "Hub:Operations:DrainSeconds must be between 0 and 300.";
        }

        if (StoreTimeoutMilliseconds is < 50 or > 60_000)
        {
            yield return "Hub:Operations:StoreTimeoutMilliseconds must be between 50 and 60000.";
        }

        if (OtlpEndpoint.Length > 0
            && (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var otlp) || otlp.Scheme is not ("http" or "https")))
        {
            yield return $"Hub:Operations:OtlpEndpoint '{OtlpEndpoint}' is not an http:// or https:// address such as http://127.0.0.1:4318.";
        }
    }
}
