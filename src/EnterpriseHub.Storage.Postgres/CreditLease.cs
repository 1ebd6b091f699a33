using System.Data;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The credit evaluator's lease: a session advisory lock on a connection of its own, outside the
/// pool, so that it lasts exactly as long as this lease (or the session, if that is lost first).
/// </summary>
internal sealed class CreditLease : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private int released;

    private CreditLease(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>
    /// Takes the lease on <paramref name="connection"/>, which it then owns; closes the connection and
    /// returns null when another session holds the lease.
    /// </summary>
    public static async Task<CreditLease?> TryTakeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLocks.CreditLeader});", connection);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return new CreditLease(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref released, 1) != 0)
        {
            return;
        }

        try
        {
            if (connection.FullState == ConnectionState.Open)
            {
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLocks.CreditLeader});", connection);
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NpgsqlException || PostgresErrors.IsUnavailable(e))
        {
            // The session is gone, and the lock with it.
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
