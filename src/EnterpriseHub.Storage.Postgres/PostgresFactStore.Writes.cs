using EnterpriseHub.Core.Audit;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>Writes of the tables beside the fact log, each committed together with its audit records.</summary>
public sealed partial class PostgresFactStore
{
    /// <summary>
    /// Runs <paramref name="work"/> and appends the audit entries its result calls for, in one
    /// transaction; the chain head moves only once it has committed.
    /// </summary>
    private Task<(T Result, List<AuditRecord> Audited)> WriteAsync<T>(
        Func<NpgsqlConnection, Task<T>> work, Func<T, IReadOnlyList<AuditEntry>> auditOf, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        return Guard(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(connection).ConfigureAwait(false);
            var audited = await AuditAppender.InsertAsync(connection, auditOf(result), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            audit.Committed(audited);
            return (result, audited);
        });
    }
}
