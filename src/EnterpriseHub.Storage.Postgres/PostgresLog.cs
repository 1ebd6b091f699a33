using Microsoft.Extensions.Logging;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>Log messages of the PostgreSQL store; never the connection string.</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Listening for appended facts on PostgreSQL channel {Channel}")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning,
        Message = "Lost the PostgreSQL listener for appended facts; reconnecting (other replicas' facts arrive by heartbeat meanwhile)")]
    public static partial void ListenerLost(ILogger logger, Exception exception);
}
