using System.Text.Json;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The reads, each on a pooled connection of its own so that they run while the writer commits.
/// </summary>
internal sealed class FactReader(string connectionString)
{
    public async Task<EnterpriseRecord?> GetEnterpriseAsync(string uscc, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{EnterpriseRows.CurrentSelect} WHERE e.uscc = $uscc ORDER BY c.fact_type;";
        command.Parameters.AddWithValue("$uscc", uscc);
        var records = await EnterpriseRows.ReadCurrentAsync(command, cancellationToken).ConfigureAwait(false);
        return records.GetValueOrDefault(uscc);
    }

    public async Task<EnterpriseRecord?> GetEnterpriseAsOfAsync(string uscc, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {FactColumns.Select} FROM (
                SELECT *, row_number() OVER (PARTITION BY fact_type ORDER BY effective_ticks DESC, seq DESC) AS rank
                FROM facts WHERE uscc = $uscc AND publish_ticks <= $asOf) f
            WHERE f.rank = 1 ORDER BY f.fact_type;
            """;
        command.Parameters.AddWithValue("$uscc", uscc);
        command.Parameters.AddWithValue("$asOf", asOf.UtcTicks);
        return EnterpriseRows.AsOf(uscc, await FactColumns.ReadAllAsync(command, 16, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<EnterpriseRecord>> GetEnterprisesAsync(
        IReadOnlyList<string> usccs, CancellationToken cancellationToken)
    {
        if (usccs.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            {EnterpriseRows.CurrentSelect}
            WHERE e.uscc IN (SELECT value FROM json_each($usccs))
            ORDER BY c.uscc, c.fact_type;
            """;
        command.Parameters.AddWithValue("$usccs", JsonSerializer.Serialize(usccs));
        var records = await EnterpriseRows.ReadCurrentAsync(command, cancellationToken).ConfigureAwait(false);
        return EnterpriseRows.InOrder(records, usccs);
    }

    public async Task<FactPage> GetFactHistoryAsync(FactHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var conditions = "f.uscc = $uscc";
        command.Parameters.AddWithValue("$uscc", query.Uscc);
        if (query.FactType is not null)
        {
            conditions += " AND f.fact_type = $type";
            command.Parameters.AddWithValue("$type", query.FactType);
        }

        if (query.BeforeSequence is { } before)
        {
            conditions += " AND f.seq < $before";
            command.Parameters.AddWithValue("$before", before);
        }

        command.CommandText = $"SELECT {FactColumns.Select} FROM facts f WHERE {conditions} ORDER BY f.seq DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", Pages.Limit(query.PageSize));
        var facts = await FactColumns.ReadAllAsync(command, Pages.Limit(query.PageSize), cancellationToken).ConfigureAwait(false);
        return Pages.Facts(facts, query.PageSize);
    }

    public async Task<IReadOnlyList<Fact>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {FactColumns.Select} FROM facts f WHERE f.seq > $after ORDER BY f.seq LIMIT $limit;";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        return await FactColumns.ReadAllAsync(command, limit, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Fact?> FindFactAsync(string publisher, string sourceRecordId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {FactColumns.Select} FROM facts f WHERE f.publisher = $publisher AND f.source_record_id = $record;";
        command.Parameters.AddWithValue("$publisher", publisher);
        command.Parameters.AddWithValue("$record", sourceRecordId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? FactColumns.Read(reader) : null;
    }

    public async Task<long> HeadSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM facts;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT NOT EXISTS (SELECT 1 FROM facts);";
        return Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
