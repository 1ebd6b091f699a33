using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Common;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>The reads, each on a pooled connection of its own; none takes a lock the writers wait for.</summary>
internal sealed class FactReader(NpgsqlDataSource dataSource)
{
    public async Task<EnterpriseRecord?> GetEnterpriseAsync(string uscc, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{EnterpriseRows.CurrentSelect} WHERE e.uscc = $1 ORDER BY c.fact_type;");
        command.Parameters.Add(new() { Value = uscc });
        var records = await EnterpriseRows.ReadCurrentAsync(command, cancellationToken).ConfigureAwait(false);
        return records.GetValueOrDefault(uscc);
    }

    public async Task<EnterpriseRecord?> GetEnterpriseAsOfAsync(string uscc, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {FactColumns.Select} FROM (
                SELECT *, row_number() OVER (PARTITION BY fact_type ORDER BY effective_ticks DESC, seq DESC) AS rank
                FROM facts WHERE uscc = $1 AND publish_ticks <= $2) f
            WHERE f.rank = 1 ORDER BY f.fact_type;
            """);
        command.Parameters.Add(new() { Value = uscc });
        command.Parameters.Add(new() { Value = asOf.UtcTicks });
        return EnterpriseRows.AsOf(uscc, await FactColumns.ReadAllAsync(command, 16, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<EnterpriseRecord>> GetEnterprisesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken)
    {
        if (usccs.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand($"{EnterpriseRows.CurrentSelect} WHERE e.uscc = ANY($1) ORDER BY c.uscc, c.fact_type;");
        command.Parameters.Add(new() { Value = usccs.ToArray() });
        var records = await EnterpriseRows.ReadCurrentAsync(command, cancellationToken).ConfigureAwait(false);
        return EnterpriseRows.InOrder(records, usccs);
    }

    public async Task<FactPage> GetFactHistoryAsync(FactHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        // Null criteria hold for every row.
        await using var command = dataSource.CreateCommand($"""
            SELECT {FactColumns.Select} FROM facts f
            WHERE f.uscc = $1 AND ($2::text IS NULL OR f.fact_type = $2) AND f.seq < $3
            ORDER BY f.seq DESC LIMIT $4;
            """);
        command.Parameters.Add(new() { Value = query.Uscc });
        command.Parameters.Add(new() { Value = (object?)query.FactType ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = query.BeforeSequence ?? long.MaxValue });
        command.Parameters.Add(new() { Value = Pages.Limit(query.PageSize) });
        var facts = await FactColumns.ReadAllAsync(command, Pages.Limit(query.PageSize), cancellationToken).ConfigureAwait(false);
        return Pages.Facts(facts, query.PageSize);
    }

    public async Task<IReadOnlyList<Fact>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {FactColumns.Select} FROM facts f WHERE f.seq > $1 ORDER BY f.seq LIMIT $2;");
        command.Parameters.Add(new() { Value = afterSequence });
        command.Parameters.Add(new() { Value = limit });
        return await FactColumns.ReadAllAsync(command, limit, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Fact?> FindFactAsync(string publisher, string sourceRecordId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {FactColumns.Select} FROM facts f WHERE f.publisher = $1 AND f.source_record_id = $2;");
        command.Parameters.Add(new() { Value = publisher });
        command.Parameters.Add(new() { Value = sourceRecordId });
        return (await FactColumns.ReadAllAsync(command, 1, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<long> HeadSequenceAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(seq), 0) FROM facts;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM facts);");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
