using System.Globalization;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Storage.Common;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// SQL of <c>credit_alerts</c>. Writes run after <see cref="CreditStateTable.LockAsync"/>, which
/// also read the last sequence they continue from.
/// </summary>
internal static class CreditAlertTable
{
    /// <summary>The channel a credit write notifies, at its commit, when it stored alerts; the payload is the last sequence.</summary>
    public const string Channel = "hub_credit";

    private const string Columns = CreditColumns.Alert;

    /// <summary>The alerts as they will be stored, numbered after <paramref name="last"/>.</summary>
    public static List<CreditAlert> Number(long last, IReadOnlyList<NewCreditAlert> alerts) =>
        [.. alerts.Select((a, i) => new CreditAlert(
            last + 1 + i, a.Uscc, a.Before, a.After, a.Reason, new DateTimeOffset(a.Time.UtcTicks, TimeSpan.Zero), a.FactSequence))];

    public static NpgsqlBatchCommand Insert(List<CreditAlert> alerts) => new($"""
        INSERT INTO credit_alerts ({Columns}) SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7);
        """)
    {
        Parameters =
        {
            Column(alerts, a => a.Sequence, NpgsqlDbType.Bigint),
            Column(alerts, a => a.Uscc, NpgsqlDbType.Text),
            Column(alerts, a => a.Before.ToString(), NpgsqlDbType.Text),
            Column(alerts, a => a.After.ToString(), NpgsqlDbType.Text),
            Column(alerts, a => a.Reason, NpgsqlDbType.Text),
            Column(alerts, a => a.Time.UtcTicks, NpgsqlDbType.Bigint),
            Column(alerts, a => a.FactSequence, NpgsqlDbType.Bigint),
        },
    };

    /// <summary>
    /// Appends, in code order after <paramref name="last"/>, an alert for every enterprise whose level
    /// differs between generation <paramref name="from"/> and <paramref name="to"/> (missing is A),
    /// and returns them.
    /// </summary>
    public static NpgsqlBatchCommand InsertLevelChanges(long last, long from, long to, string reason, DateTimeOffset at) => new($"""
        INSERT INTO credit_alerts ({Columns})
        SELECT $1 + row_number() OVER (ORDER BY uscc), uscc, before_level, after_level, $2, $3, NULL
        FROM (
            SELECT coalesce(n.uscc, o.uscc) AS uscc, coalesce(o.level, 'A') AS before_level, coalesce(n.level, 'A') AS after_level
            FROM (SELECT uscc, level FROM credit_profiles WHERE generation = $4) o
            FULL JOIN (SELECT uscc, level FROM credit_profiles WHERE generation = $5) n ON n.uscc = o.uscc) changes
        WHERE before_level <> after_level
        RETURNING {Columns};
        """)
    {
        Parameters =
        {
            new() { Value = last, NpgsqlDbType = NpgsqlDbType.Bigint },
            new() { Value = reason, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = at.UtcTicks, NpgsqlDbType = NpgsqlDbType.Bigint },
            new() { Value = from, NpgsqlDbType = NpgsqlDbType.Bigint },
            new() { Value = to, NpgsqlDbType = NpgsqlDbType.Bigint },
        },
    };

    /// <summary>Notifies <see cref="Channel"/> at the commit.</summary>
    public static NpgsqlBatchCommand Notify(long lastSequence) =>
        new($"SELECT pg_notify('{Channel}', $1);")
        {
            Parameters = { new() { Value = lastSequence.ToString(CultureInfo.InvariantCulture), NpgsqlDbType = NpgsqlDbType.Text } },
        };

    /// <summary>Notifies <see cref="Channel"/> at the commit when alerts were stored after <paramref name="last"/>.</summary>
    public static NpgsqlBatchCommand NotifyAfter(long last) =>
        new($"SELECT pg_notify('{Channel}', max(seq)::text) FROM credit_alerts WHERE seq > $1 HAVING count(*) > 0;")
        {
            Parameters = { new() { Value = last, NpgsqlDbType = NpgsqlDbType.Bigint } },
        };

    public static async Task<IReadOnlyList<CreditAlert>> ReadAsync(
        NpgsqlDataSource dataSource, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM credit_alerts WHERE seq > $1 ORDER BY seq LIMIT $2;");
        command.Parameters.Add(new() { Value = afterSequence });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<long> LastAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(seq), 0) FROM credit_alerts;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Every alert of the reader's current result, in sequence order.</summary>
    public static async Task<List<CreditAlert>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var alerts = new List<CreditAlert>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(CreditColumns.ReadAlert(reader));
        }

        alerts.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return alerts;
    }

    private static NpgsqlParameter Column<T>(List<CreditAlert> alerts, Func<CreditAlert, T> value, NpgsqlDbType type) =>
        new() { Value = alerts.Select(value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };
}
