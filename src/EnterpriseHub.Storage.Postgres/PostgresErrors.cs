using System.Net.Sockets;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// Which engine errors mean "the store cannot serve now, retry" rather than a bug: the server is
/// unreachable, shutting down, restarting or out of connections. The store gives callers a fixed
/// message; the original (which may name the host, never the password) stays inner.
/// </summary>
internal static class PostgresErrors
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState.StartsWith("08", StringComparison.Ordinal)
            || e.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        NpgsqlException e => e.IsTransient || IsBrokenTransport(e.InnerException),
        TimeoutException or SocketException or IOException => true,
        _ => false,
    };

    private static bool IsBrokenTransport(Exception? inner) =>
        inner is SocketException or IOException or TimeoutException or EndOfStreamException or ObjectDisposedException
        || (inner is not null && IsBrokenTransport(inner.InnerException));
}
