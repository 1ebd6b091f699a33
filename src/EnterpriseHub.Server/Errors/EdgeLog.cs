namespace EnterpriseHub.Server.Errors;

internal static partial class EdgeLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "Refused {Count} call(s) from {Caller} at the edge since the last such warning; the latest: {Method} {Reason}")]
    public static partial void Refused(ILogger logger, int count, string caller, string method, string reason);
}
