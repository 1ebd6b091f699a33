using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Common;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>The fact reads the credit projection makes: whole histories of the types its rules read.</summary>
internal static class CreditFacts
{
    public static async Task<IReadOnlyList<Fact>> LoadAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> usccs, IReadOnlyCollection<string> factTypes, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {FactColumns.Select} FROM facts f WHERE f.uscc = ANY($1) AND f.fact_type = ANY($2) ORDER BY f.seq;");
        command.Parameters.Add(new() { Value = usccs.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = factTypes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return await FactColumns.ReadAllAsync(command, 256, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Read from the current view, which has one row for every (enterprise, type) with a fact and is
    /// keyed by enterprise first: far fewer rows than the log, already in code order.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnterprisesAsync(
        NpgsqlDataSource dataSource, IReadOnlyCollection<string> factTypes, string? afterUscc, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT DISTINCT uscc FROM current_facts WHERE uscc > $1 AND fact_type = ANY($2) ORDER BY uscc LIMIT $3;");
        command.Parameters.Add(new() { Value = afterUscc ?? "", NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = factTypes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        var usccs = new List<string>(Math.Min(limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            usccs.Add(reader.GetString(0));
        }

        return usccs;
    }
}
