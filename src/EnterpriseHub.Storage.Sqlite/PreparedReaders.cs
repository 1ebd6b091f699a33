using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// Reader connections kept open with their statements prepared, for the read every lookup makes:
/// a pooled connection finalizes its statements when it closes, so each lookup parsed and planned
/// its join again. A connection serves one read at a time and holds no transaction between reads
/// (disposing the rows resets the statement); at most <see cref="MaxIdle"/> wait between reads, and
/// one whose read failed is closed rather than kept.
/// </summary>
internal sealed class PreparedReaders(string connectionString) : IDisposable
{
    private const int MaxIdle = 32;

    private readonly ConcurrentQueue<Reader> idle = new();
    private int idleCount;
    private volatile bool disposed;

    public async Task<T> ReadAsync<T>(
        string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var reader = Take();
        var failed = true;
        try
        {
            T result;
            await using (var rows = await reader.Command(sql, parameters).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                result = await read(rows).ConfigureAwait(false);
            }

            failed = false;
            return result;
        }
        finally
        {
            if (failed)
            {
                reader.Dispose();
            }
            else
            {
                Return(reader);
            }
        }
    }

    /// <summary>Closes every idle connection (after an outage, or at the end).</summary>
    public void Clear()
    {
        while (idle.TryDequeue(out var reader))
        {
            Interlocked.Decrement(ref idleCount);
            reader.Dispose();
        }
    }

    public void Dispose()
    {
        disposed = true;
        Clear();
    }

    private Reader Take()
    {
        if (idle.TryDequeue(out var reader))
        {
            Interlocked.Decrement(ref idleCount);
            return reader;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            SqliteSchema.ConfigureLookupReader(connection);
            return new Reader(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Return(Reader reader)
    {
        if (disposed || Interlocked.Increment(ref idleCount) > MaxIdle)
        {
            if (!disposed)
            {
                Interlocked.Decrement(ref idleCount);
            }

            reader.Dispose();
            return;
        }

        idle.Enqueue(reader);
        if (disposed)
        {
            // Disposed while this read ran: the writer closes last, so no reader may stay open.
            Clear();
        }
    }

    /// <summary>One open connection and the statements prepared on it, by their SQL.</summary>
    private sealed class Reader(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

        public SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
        {
            if (!commands.TryGetValue(sql, out var command))
            {
                command = Prepared.Create(connection, sql, Array.ConvertAll(parameters, p => p.Name));
                commands.Add(sql, command);
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
            }

            return command;
        }

        public void Dispose()
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }
    }
}
