using Grpc.Core;

namespace EnterpriseHub.Server.Logging;

internal static partial class CallLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "{Method} by {Caller} finished {StatusCode} in {ElapsedMs:0.0} ms")]
    public static partial void Completed(ILogger logger, string method, string caller, StatusCode statusCode, double elapsedMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error,
        Message = "{Method} by {Caller} found stored data damaged ({Reason}): {Problem}")]
    public static partial void DataLoss(ILogger logger, string reason, string problem, string method, string caller);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error,
        Message = "{Method} by {Caller} failed with an unexpected error")]
    public static partial void Failed(ILogger logger, Exception exception, string method, string caller);
}
