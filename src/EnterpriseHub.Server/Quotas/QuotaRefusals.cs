using System.Diagnostics.Metrics;
using EnterpriseHub.Server.Errors;
using EnterpriseHub.Server.Logging;
using Grpc.Core;

namespace EnterpriseHub.Server.Quotas;

/// <summary>
/// Refuses calls over a quota. A flooding caller is refused thousands of times a second, so the
/// operator gets at most one warning per caller per <see cref="WarningInterval"/> (counting the
/// refusals in between, like the edge's refusals) and the whole count in the
/// <c>hub.quota.refusals</c> counter of the <c>EnterpriseHub</c> meter, tagged with the caller, the
/// kind of call and the limit (<c>rate</c> or <c>streams</c>).
/// </summary>
internal sealed class QuotaRefusals
{
    public const string MeterName = "EnterpriseHub";
    public const string InstrumentName = "hub.quota.refusals";
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    public const string TooManyStreams = "TOO_MANY_STREAMS";

    public static readonly TimeSpan WarningInterval = WarningWindows.Interval;

    /// <summary>
    /// A stream slot frees when one of the caller's own streams ends, which the hub cannot foresee;
    /// a second is long enough not to spin and short enough for a watch to resume promptly.
    /// </summary>
    public static readonly TimeSpan StreamRetryAfter = TimeSpan.FromSeconds(1);

    private readonly WarningWindows _warnings;
    private readonly ILogger<QuotaRefusals> _logger;
    private readonly Counter<long> _refusals;

    public QuotaRefusals(ILogger<QuotaRefusals> logger, TimeProvider time, IMeterFactory meters)
    {
        _logger = logger;
        _warnings = new WarningWindows(time);
        _refusals = meters.Create(MeterName).CreateCounter<long>(
            InstrumentName, unit: "{call}", description: "Calls refused because their caller was over a rate or stream quota");
    }

    public RpcException OverRate(ServerCallContext context, string caller, QuotaKind kind, Rate rate, TimeSpan retryAfter)
    {
        var name = Name(kind);
        Note(caller, kind, "rate", context.Method);
        return HubStatus.Quota(QuotaExceeded, $"'{caller}' is over its {name} quota ({rate}); retry after the RetryInfo delay",
            caller, $"{name} calls: {rate}", retryAfter, context.GetCallIds());
    }

    public RpcException OverStreams(ServerCallContext context, string caller, QuotaKind kind, int streams)
    {
        Note(caller, kind, "streams", context.Method);
        return HubStatus.Quota(TooManyStreams, $"'{caller}' already has {streams} streams open on this replica; close one or retry later",
            caller, $"concurrent streams: {streams}", StreamRetryAfter, context.GetCallIds());
    }

    /// <summary>The kind's name as it appears in configuration keys' values, metric tags and messages.</summary>
    public static string Name(QuotaKind kind) => kind switch
    {
        QuotaKind.Read => "read",
        QuotaKind.Publish => "publish",
        QuotaKind.Watch => "watch",
        QuotaKind.Change => "change",
        _ => "probe",
    };

    private void Note(string caller, QuotaKind kind, string limit, string method)
    {
        _refusals.Add(1, new("caller", caller), new("kind", Name(kind)), new("limit", limit));
        if (_warnings.Note(caller, out var count))
        {
            QuotaLog.Refused(_logger, count, caller, method, $"{Name(kind)} {limit}");
        }
    }
}
