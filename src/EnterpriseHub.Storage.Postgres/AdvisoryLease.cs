using System.Data;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// A lease among every replica: a session advisory lock on a connection of its own, outside the
/// pool, so that it lasts exactly as long as this lease (or the session, if that is lost first).
/// </summary>
internal sealed class AdvisoryLease : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly long key;
    private int released;

    private AdvisoryLease(NpgsqlConnection connection, long key) => (this.connection, this.key) = (connection, key);

    /// <summary>
    /// Takes the lease <paramref name="key"/> on a new connection to <paramref name="dataSource"/>'s
    /// server; null when another session holds it. The connection is a clone of a pooled one (same
    /// server, same credentials) with pooling off: the lock must end when the lease does, not linger
    /// in an idle pooled session.
    /// </summary>
    public static async Task<AdvisoryLease?> TryTakeAsync(NpgsqlDataSource dataSource, long key, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        using (var template = dataSource.CreateConnection())
        {
            var builder = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Pooling = false };
            if (builder.KeepAlive == 0)
            {
                // A keepalive query keeps an idle firewall from silently dropping the session, and the lock with it.
                builder.KeepAlive = 10;
            }

            connection = template.CloneWith(builder.ConnectionString);
        }

        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({key});", connection);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return new AdvisoryLease(connection, key);
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
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({key});", connection);
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
