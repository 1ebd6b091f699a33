using System.Data.Common;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Storage.Common;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>Reads of the audit trail, on pooled connections.</summary>
internal sealed class AuditReader(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(long fromSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {AuditColumns.Select} FROM audit_records r WHERE r.seq >= $1 ORDER BY r.seq LIMIT $2;");
        command.Parameters.Add(new() { Value = fromSequence });
        command.Parameters.Add(new() { Value = limit });
        return await Rows.ReadAllAsync(command, Read, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> HashBeforeAsync(long sequence, CancellationToken cancellationToken)
    {
        if (sequence <= 1)
        {
            return AuditChain.GenesisHash;
        }

        await using var command = dataSource.CreateCommand("SELECT hash FROM audit_records WHERE seq = $1;");
        command.Parameters.Add(new() { Value = sequence - 1 });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await AuditAppender.ReadLastAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditRecord>> ListReadsAsync(string uscc, int limit, long? beforeSequence, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {AuditColumns.Select} FROM audit_reads a JOIN audit_records r ON r.seq = a.seq
            WHERE a.uscc = $1 AND a.seq < $2 ORDER BY a.seq DESC LIMIT $3;
            """);
        command.Parameters.Add(new() { Value = uscc });
        command.Parameters.Add(new() { Value = beforeSequence ?? long.MaxValue });
        command.Parameters.Add(new() { Value = limit });
        return await Rows.ReadAllAsync(command, Read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The lists are stored as text arrays.</summary>
    private static AuditRecord Read(DbDataReader reader) => AuditColumns.Read(reader, (r, i) => r.GetFieldValue<string[]>(i));
}
