using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Common;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// SQL of <c>policies</c>. An add holds the policies' advisory lock to its commit, so the next
/// sequence (the greatest stored plus one) is taken by one replica at a time, without gaps.
/// </summary>
internal static class PolicyTable
{
    private const string Columns = NoticeColumns.Policy;

    /// <summary>
    /// Stores the policy with the next sequence, inside the caller's transaction; when its department
    /// and id are taken, the stored one (Added false) if the content is the same.
    /// </summary>
    public static async Task<(Policy Stored, bool Added)> AddAsync(NpgsqlConnection connection, Policy policy, CancellationToken cancellationToken)
    {
        await using (var find = new NpgsqlBatch(connection))
        {
            find.BatchCommands.Add(new($"SELECT pg_advisory_xact_lock({AdvisoryLocks.Policies});"));
            find.BatchCommands.Add(new($"SELECT {Columns} FROM policies WHERE department = $1 AND id = $2;")
            {
                Parameters = { Text(policy.Department), Text(policy.Id) },
            });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return (NoticeColumns.Same(NoticeColumns.ReadPolicy(reader), policy), false);
            }
        }

        await using var insert = new NpgsqlCommand($"""
            INSERT INTO policies ({Columns})
            VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM policies), $3, $4, $5, $6, $7, $8, $9)
            RETURNING {Columns};
            """, connection)
        {
            Parameters =
            {
                Text(policy.Department), Text(policy.Id), Text(policy.Kind.ToString()), Text(policy.Title), Text(policy.Body),
                Text(policy.Condition), Ticks(policy.ValidFrom), Ticks(policy.ValidUntil), Ticks(policy.PublishedAt),
            },
        };
        return ((await Rows.ReadAllAsync(insert, NoticeColumns.ReadPolicy, cancellationToken).ConfigureAwait(false)).Single(), true);
    }

    /// <summary>The policies matching <paramref name="where"/> (parameters <c>$1</c> …), in the order <paramref name="order"/> gives.</summary>
    public static async Task<IReadOnlyList<Policy>> QueryAsync(
        NpgsqlDataSource dataSource, string where, string order, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM policies WHERE {where} ORDER BY {order};");
        foreach (var value in parameters)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return await Rows.ReadAllAsync(command, NoticeColumns.ReadPolicy, cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Ticks(DateTimeOffset time) => new() { Value = time.UtcTicks, NpgsqlDbType = NpgsqlDbType.Bigint };
}
