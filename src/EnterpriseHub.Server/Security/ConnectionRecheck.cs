using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace EnterpriseHub.Server.Security;

/// <summary>
/// Judges the client certificate of every open connection again, every
/// <see cref="TlsOptions.RecheckSeconds"/> and at once when the trust material changes, and
/// closes the connections whose certificate has since expired, been revoked or lost its trust.
/// Closing the connection rather than refusing calls one by one: it also ends the long-lived
/// server streams (watches, alert and delivery streams) that never start another call, costs
/// nothing per call, and leaves the call edge and its error mapping alone. The client sees its
/// calls fail as UNAVAILABLE, and its reconnect is refused at the handshake with the reason logged.
/// </summary>
internal sealed class ConnectionRecheck(TrustMaterialSource source, ClientCertificateValidator validator, ILogger logger)
{
    private readonly ConcurrentDictionary<string, (ConnectionContext Connection, ConnectionCertificate Certificate)> open = new();

    /// <summary>Connection middleware after TLS: keeps the connection on the list while it is open.</summary>
    public async Task TrackAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (!connection.Items.TryGetValue(typeof(ConnectionCertificate), out var item) || item is not ConnectionCertificate { Leaf: not null } certificate)
        {
            // Fail closed: a TLS session whose certificate our callback did not accept never serves a call.
            SecurityLog.ConnectionNotJudged(logger, connection.ConnectionId);
            connection.Abort(new ConnectionAbortedException("The client certificate was not judged at the handshake."));
            return;
        }

        open[connection.ConnectionId] = (connection, certificate);

        try
        {
            await next(connection);
        }
        finally
        {
            open.TryRemove(connection.ConnectionId, out _);
        }
    }

    /// <summary>Closes every open connection whose certificate no longer passes; returns how many.</summary>
    public int Sweep()
    {
        var material = source.Current;
        var closed = 0;
        foreach (var (id, (connection, certificate)) in open)
        {
            var verdict = validator.Validate(certificate.Leaf!, certificate.Sent, material);
            if (verdict.IsValid || !certificate.TryClose())
            {
                continue;
            }

            SecurityLog.ConnectionClosed(logger, id, certificate.Leaf!.Subject, certificate.Leaf.SerialNumber, verdict.Problem!, verdict.Reason);
            connection.Abort(new ConnectionAbortedException("The client certificate is no longer valid: " + verdict.Problem));
            closed++;
        }

        return closed;
    }
}
