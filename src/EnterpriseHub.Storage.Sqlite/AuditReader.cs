using System.Data.Common;
using System.Text.Json;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Storage.Common;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>Reads of the audit trail, on pooled reader connections.</summary>
internal sealed class AuditReader(FactReader connections)
{
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(long fromSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditColumns.Select} FROM audit_records r WHERE r.seq >= $from ORDER BY r.seq LIMIT $limit;";
        command.Parameters.AddWithValue("$from", fromSequence);
        command.Parameters.AddWithValue("$limit", limit);
        return await Rows.ReadAllAsync(command, Read, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> HashBeforeAsync(long sequence, CancellationToken cancellationToken)
    {
        if (sequence <= 1)
        {
            return AuditChain.GenesisHash;
        }

        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT hash FROM audit_records WHERE seq = $seq;";
        command.Parameters.AddWithValue("$seq", sequence - 1);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = AuditColumns.LastRecord;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return AuditColumns.Head(reader, await reader.ReadAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<AuditRecord>> ListReadsAsync(
        string uscc, int limit, long? beforeSequence, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {AuditColumns.Select} FROM audit_reads a JOIN audit_records r ON r.seq = a.seq
            WHERE a.uscc = $uscc AND a.seq < $before ORDER BY a.seq DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$uscc", uscc);
        command.Parameters.AddWithValue("$before", beforeSequence ?? long.MaxValue);
        command.Parameters.AddWithValue("$limit", limit);
        return await Rows.ReadAllAsync(command, Read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The lists are stored as JSON arrays.</summary>
    private static AuditRecord Read(DbDataReader reader) =>
        AuditColumns.Read(reader, (r, i) => JsonSerializer.Deserialize<string[]>(r.GetString(i)) ?? []);
}
