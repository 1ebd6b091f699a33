using System.Text.Json;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The fact reads the credit projection makes: whole histories of the types its rules read.</summary>
internal static class CreditFacts
{
    public static async Task<IReadOnlyList<Fact>> LoadAsync(
        SqliteConnection connection, IReadOnlyList<string> usccs, IReadOnlyCollection<string> factTypes, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {FactColumns.Select} FROM facts f
            WHERE f.uscc IN (SELECT value FROM json_each($usccs)) AND f.fact_type IN (SELECT value FROM json_each($types))
            ORDER BY f.seq;
            """;
        command.Parameters.AddWithValue("$usccs", JsonSerializer.Serialize(usccs));
        command.Parameters.AddWithValue("$types", JsonSerializer.Serialize(factTypes));
        var facts = new List<Fact>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            facts.Add(FactColumns.Read(reader));
        }

        return facts;
    }

    /// <summary>
    /// Read from the current view, which has one row for every (enterprise, type) with a fact and is
    /// keyed by enterprise first: far fewer rows than the log, already in code order.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnterprisesAsync(
        SqliteConnection connection, IReadOnlyCollection<string> factTypes, string? afterUscc, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT uscc FROM current_facts
            WHERE uscc > $after AND fact_type IN (SELECT value FROM json_each($types))
            ORDER BY uscc LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$after", afterUscc ?? "");
        command.Parameters.AddWithValue("$types", JsonSerializer.Serialize(factTypes));
        command.Parameters.AddWithValue("$limit", limit);
        var usccs = new List<string>(Math.Min(limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            usccs.Add(reader.GetString(0));
        }

        return usccs;
    }
}
