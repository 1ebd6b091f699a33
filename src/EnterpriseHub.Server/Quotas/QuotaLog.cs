namespace EnterpriseHub.Server.Quotas;

internal static partial class QuotaLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning,
        Message = "Refused {Count} call(s) from {Caller} over its quotas since the last such warning; the latest: {Method} over its {Limit} limit")]
    public static partial void Refused(ILogger logger, int count, string caller, string method, string limit);
}
