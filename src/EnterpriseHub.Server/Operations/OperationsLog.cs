namespace EnterpriseHub.Server.Operations;

internal static partial class OperationsLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information,
        Message = "Draining: not ready, still serving for {DrainSeconds} s before stopping")]
    public static partial void Draining(ILogger logger, int drainSeconds);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Operations endpoint (/healthz, /readyz, /metrics) on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Could not read the log's head for the projection lag: {Error}")]
    public static partial void HeadUnknown(ILogger logger, string error);
}
