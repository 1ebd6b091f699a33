using EnterpriseHub.Core.Credit;
using EnterpriseHub.Storage.Common;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>SQL of <c>credit_profiles</c>: writes join the caller's transaction, reads run on pooled connections.</summary>
internal static class CreditProfileTable
{
    /// <summary>Restricts <c>p</c> to the current generation.</summary>
    public const string Current = "p.generation = (SELECT generation FROM credit_state WHERE id = 1)";

    private const string Columns = CreditColumns.Profile;

    /// <summary>
    /// One statement that stores (replaces) the profiles in <paramref name="generation"/>; they travel
    /// once, as arrays. An upsert may touch a row once, so a profile given twice keeps its last.
    /// </summary>
    public static NpgsqlBatchCommand Upsert(long generation, IReadOnlyList<CreditProfile> profiles)
    {
        var last = new Dictionary<string, CreditProfile>(profiles.Count, StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            last[profile.Uscc] = profile;
        }

        var (usccs, levels, scores, signals, next, rules) = (new string[last.Count], new string[last.Count], new decimal[last.Count],
            new string[last.Count], new long?[last.Count], new int[last.Count]);
        var i = 0;
        foreach (var profile in last.Values)
        {
            (usccs[i], levels[i], scores[i]) = (profile.Uscc, profile.Level.ToString(), profile.Score);
            (signals[i], next[i], rules[i]) = (CreditSignalJson.Write(profile.Signals), profile.NextChange?.UtcTicks, profile.RulesVersion);
            i++;
        }

        return new NpgsqlBatchCommand("""
            INSERT INTO credit_profiles (generation, uscc, level, score, signals, next_change_ticks, rules_version)
            SELECT $1, * FROM unnest($2, $3, $4, $5, $6, $7)
            ON CONFLICT (generation, uscc) DO UPDATE SET
                level = excluded.level, score = excluded.score, signals = excluded.signals,
                next_change_ticks = excluded.next_change_ticks, rules_version = excluded.rules_version;
            """)
        {
            Parameters =
            {
                new() { Value = generation, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = usccs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = levels, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = scores, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric },
                new() { Value = signals, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = next, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = rules, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            },
        };
    }

    /// <summary>The profiles <c>p</c> matching <paramref name="where"/>, in the order <paramref name="tail"/> gives.</summary>
    public static async Task<List<CreditProfile>> QueryAsync(
        NpgsqlDataSource dataSource, string where, string tail, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM credit_profiles p WHERE {where} {tail};");
        command.Parameters.AddRange(parameters);
        var profiles = new List<CreditProfile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            profiles.Add(CreditColumns.ReadProfile(reader));
        }

        return profiles;
    }

    /// <summary>The current generation's enterprises whose next change is due at <paramref name="nowTicks"/>, earliest first.</summary>
    public static async Task<IReadOnlyList<string>> DueAsync(
        NpgsqlDataSource dataSource, long nowTicks, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT p.uscc FROM credit_profiles p
            WHERE {Current} AND p.next_change_ticks <= $1
            ORDER BY p.next_change_ticks, p.uscc LIMIT $2;
            """);
        command.Parameters.Add(new() { Value = nowTicks });
        command.Parameters.Add(new() { Value = limit });
        var due = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(reader.GetString(0));
        }

        return due;
    }
}
