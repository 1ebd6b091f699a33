using System.Globalization;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>SQL of <c>credit_profiles</c>: writes run inside the writer's transaction, reads on pooled connections.</summary>
internal static class CreditProfileTable
{
    /// <summary>Restricts <c>p</c> to the current generation; the subquery is evaluated once.</summary>
    public const string Current = "p.generation = (SELECT generation FROM credit_state)";

    private const string Columns = CreditColumns.Profile;

    /// <summary>Stores (replaces) the profiles in <paramref name="generation"/>, one prepared statement for all.</summary>
    public static void Upsert(SqliteConnection connection, SqliteTransaction transaction, long generation, IReadOnlyList<CreditProfile> profiles)
    {
        if (profiles.Count == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO credit_profiles (generation, uscc, level, score, signals, next_change_ticks, rules_version)
            VALUES ($generation, $uscc, $level, $score, $signals, $next, $rules)
            ON CONFLICT (generation, uscc) DO UPDATE SET
                level = excluded.level, score = excluded.score, signals = excluded.signals,
                next_change_ticks = excluded.next_change_ticks, rules_version = excluded.rules_version;
            """;
        command.Parameters.AddWithValue("$generation", generation);
        var uscc = command.Parameters.Add("$uscc", SqliteType.Text);
        var level = command.Parameters.Add("$level", SqliteType.Text);
        var score = command.Parameters.Add("$score", SqliteType.Text);
        var signals = command.Parameters.Add("$signals", SqliteType.Text);
        var next = command.Parameters.Add("$next", SqliteType.Integer);
        var rules = command.Parameters.Add("$rules", SqliteType.Integer);
        foreach (var profile in profiles)
        {
            uscc.Value = profile.Uscc;
            level.Value = profile.Level.ToString();
            score.Value = profile.Score.ToString(CultureInfo.InvariantCulture);
            signals.Value = CreditSignalJson.Write(profile.Signals);
            next.Value = (object?)profile.NextChange?.UtcTicks ?? DBNull.Value;
            rules.Value = profile.RulesVersion;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The profiles <c>p</c> matching <paramref name="where"/>, in the order <paramref name="tail"/> gives.</summary>
    public static async Task<List<CreditProfile>> QueryAsync(
        SqliteConnection connection, string where, string tail, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM credit_profiles p WHERE {where} {tail};";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

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
        SqliteConnection connection, long nowTicks, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT p.uscc FROM credit_profiles p
            WHERE {Current} AND p.next_change_ticks <= $now
            ORDER BY p.next_change_ticks, p.uscc LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$now", nowTicks);
        command.Parameters.AddWithValue("$limit", limit);
        var due = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(reader.GetString(0));
        }

        return due;
    }
}
