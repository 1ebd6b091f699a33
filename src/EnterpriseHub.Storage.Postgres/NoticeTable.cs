using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Common;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// SQL of <c>notices</c>. Deliveries run after <see cref="NoticeStateTable.LockAsync"/>, which also
/// read the last sequence they continue from.
/// </summary>
internal static class NoticeTable
{
    /// <summary>The channel a delivery notifies, at its commit, when it stored notices; the payload is the last sequence.</summary>
    public const string Channel = "hub_notices";

    private const string Columns = NoticeColumns.Notice;

    /// <summary>
    /// Appends, numbered in list order after <paramref name="last"/>, the first of each (enterprise,
    /// key) in the list that is not stored yet, and returns them. Under the state row's lock no other
    /// delivery can store a key meanwhile, so a key is never met twice and the numbers have no gaps
    /// (a conflict would be an error rather than a silent gap).
    /// </summary>
    public static NpgsqlBatchCommand Insert(long last, IReadOnlyList<NewNotice> notices) => new($"""
        INSERT INTO notices ({Columns})
        SELECT $1 + row_number() OVER (ORDER BY n.ord), n.uscc, n.key, n.kind, n.department, n.title, n.body, n.delivered, n.due, NULL
        FROM (
            SELECT DISTINCT ON (u.uscc, u.key) u.*
            FROM unnest($2, $3, $4, $5, $6, $7, $8, $9) WITH ORDINALITY AS u (uscc, key, kind, department, title, body, delivered, due, ord)
            ORDER BY u.uscc, u.key, u.ord) n
        WHERE NOT EXISTS (SELECT 1 FROM notices o WHERE o.uscc = n.uscc AND o.key = n.key)
        RETURNING {Columns};
        """)
    {
        Parameters =
        {
            new() { Value = last, NpgsqlDbType = NpgsqlDbType.Bigint },
            Column(notices, n => n.Uscc, NpgsqlDbType.Text),
            Column(notices, n => n.Key, NpgsqlDbType.Text),
            Column(notices, n => n.Kind.ToString(), NpgsqlDbType.Text),
            Column(notices, n => n.Department, NpgsqlDbType.Text),
            Column(notices, n => n.Title, NpgsqlDbType.Text),
            Column(notices, n => n.Body, NpgsqlDbType.Text),
            Column(notices, n => n.At.UtcTicks, NpgsqlDbType.Bigint),
            Column(notices, n => n.DueAt?.UtcTicks, NpgsqlDbType.Bigint),
        },
    };

    /// <summary>Notifies <see cref="Channel"/> at the commit when notices were stored after <paramref name="last"/>.</summary>
    public static NpgsqlBatchCommand NotifyAfter(long last) =>
        new($"SELECT pg_notify('{Channel}', max(seq)::text) FROM notices WHERE seq > $1 HAVING count(*) > 0;")
        {
            Parameters = { new() { Value = last, NpgsqlDbType = NpgsqlDbType.Bigint } },
        };

    /// <summary>Marks the enterprise's notice read unless it was already; the notice, or null when the enterprise has no such notice.</summary>
    public static async Task<Notice?> MarkReadAsync(
        NpgsqlDataSource dataSource, string uscc, long sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE notices SET read_ticks = coalesce(read_ticks, $1) WHERE seq = $2 AND uscc = $3 RETURNING {Columns};");
        command.Parameters.Add(new() { Value = at.UtcTicks, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = sequence, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = uscc, NpgsqlDbType = NpgsqlDbType.Text });
        return (await Rows.ReadAllAsync(command, NoticeColumns.ReadNotice, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>
    /// The notices matching <paramref name="where"/> (parameters <c>$2</c> …), in the order
    /// <paramref name="order"/> gives, at most <paramref name="limit"/> (<c>$1</c>).
    /// </summary>
    public static async Task<IReadOnlyList<Notice>> QueryAsync(
        NpgsqlDataSource dataSource, string where, string order, int limit, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM notices WHERE {where} ORDER BY {order} LIMIT $1;");
        command.Parameters.Add(new() { Value = limit });
        foreach (var value in parameters)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return await Rows.ReadAllAsync(command, NoticeColumns.ReadNotice, cancellationToken, limit).ConfigureAwait(false);
    }

    public static async Task<long> LastAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(seq), 0) FROM notices;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Every notice of the reader's current result, in sequence order.</summary>
    public static async Task<List<Notice>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var notices = new List<Notice>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            notices.Add(NoticeColumns.ReadNotice(reader));
        }

        notices.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return notices;
    }

    private static NpgsqlParameter Column<T>(IReadOnlyList<NewNotice> notices, Func<NewNotice, T> value, NpgsqlDbType type) =>
        new() { Value = notices.Select(value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };
}
