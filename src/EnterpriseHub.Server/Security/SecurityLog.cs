namespace EnterpriseHub.Server.Security;

internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "TLS client presented no certificate; connection refused")]
    public static partial void ClientCertificateMissing(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Client certificate {Subject} serial {Serial} refused ({Problem}): {Reason}")]
    public static partial void ClientCertificateRejected(ILogger logger, string subject, string serial, string problem, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Connection {ConnectionId} closed: client certificate {Subject} serial {Serial} is no longer valid ({Problem}): {Reason}")]
    public static partial void ConnectionClosed(
        ILogger logger, string connectionId, string subject, string serial, string problem, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "TLS files reloaded (generation {Generation}): server certificate serial {ServerSerial}, {Roots} root CA(s), {Crls} CRL(s)")]
    public static partial void Reloaded(ILogger logger, long generation, string serverSerial, int roots, int crls);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error,
        Message = "TLS files changed but do not load; the previous ones stay in force: {Problems}")]
    public static partial void ReloadFailed(ILogger logger, string problems);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error,
        Message = "Connection {ConnectionId} closed: its client certificate was not judged at the handshake")]
    public static partial void ConnectionNotJudged(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning,
        Message = "No Hub:Tls:CrlPaths configured: client certificates are not checked for revocation")]
    public static partial void RevocationNotChecked(ILogger logger);
}
