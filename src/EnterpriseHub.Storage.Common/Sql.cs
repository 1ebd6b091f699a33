using System.Data;
using System.Data.Common;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// Commands as both engines run them: parameters are named <c>@name</c>, the one style that
/// Microsoft.Data.Sqlite and Npgsql both bind, and a command joins the write transaction it is given.
/// </summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        return command;
    }

    /// <summary>Binds a value, or adds a parameter a dialect typed itself (an array, say) under the name.</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        if (value is DbParameter typed)
        {
            typed.ParameterName = name;
            command.Parameters.Add(typed);
            return;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A time that may be missing: typed, so a NULL still has a column type to bind as.</summary>
    public static void AddTicks(DbCommand command, string name, DateTimeOffset? time)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = DbType.Int64;
        parameter.Value = (object?)time?.UtcTicks ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static async Task<List<T>> QueryAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await Rows.ReadAllAsync(command, read, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<long> LongAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A state row and the last sequence of the log it guards, read in one round trip: the row
    /// (locked by <paramref name="rowSql"/>'s clause, when the engine locks rows) and then the log's greatest sequence.
    /// </summary>
    public static async Task<(T Row, long Last)> RowAndLastAsync<T>(
        DbConnection connection, DbTransaction transaction, string rowSql, string log, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"{rowSql}; SELECT coalesce(max(seq), 0) FROM {log};");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var row = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? read(reader)
            : throw new InvalidDataException($"The state row guarding {log} is missing.");
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (row, reader.GetInt64(0));
    }
}
