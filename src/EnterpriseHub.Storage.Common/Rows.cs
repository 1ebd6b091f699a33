using System.Data.Common;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// Reading rows once for both engines: their commands and readers derive from
/// <see cref="DbCommand"/> and <see cref="DbDataReader"/>, and both schemas keep every time as
/// UTC ticks.
/// </summary>
internal static class Rows
{
    /// <summary>Every row the command returns, in order; <paramref name="capacity"/> is a hint (capped, as a limit may be large).</summary>
    public static async Task<List<T>> ReadAllAsync<T>(
        DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken, int capacity = 0)
    {
        var rows = new List<T>(Math.Min(capacity, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Like <see cref="ReadAllAsync"/>, for the embedded store's writer, which works synchronously inside its transaction.</summary>
    public static List<T> ReadAll<T>(DbCommand command, Func<DbDataReader, T> read)
    {
        var rows = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static DateTimeOffset Time(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    public static DateTimeOffset? TimeOrNull(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));
}
