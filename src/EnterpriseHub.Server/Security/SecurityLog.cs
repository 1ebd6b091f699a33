namespace EnterpriseHub.Server.Security;

internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "TLS client presented no certificate; connection refused")]
    public static partial void ClientCertificateMissing(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Client certificate {Subject} refused: {Reason}")]
    public static partial void ClientCertificateRejected(ILogger logger, string subject, string reason);
}
