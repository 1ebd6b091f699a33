using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Proactive;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The notice writes. A policy is added with its audit record in one transaction; a delivery locks
/// the state row first and notifies <see cref="NoticeTable.Channel"/> at its commit when it stored notices.
/// </summary>
public sealed partial class PostgresFactStore
{
    public async Task<Policy> AddPolicyAsync(Policy policy, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(audit);
        var ((stored, _), _) = await WriteAsync(
            c => PolicyTable.AddAsync(c, policy, cancellationToken), added => added.Added ? [audit] : [], cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public Task<NoticesDelivered> DeliverNoticesAsync(
        NoticeState expected, IReadOnlyList<NewNotice> notices, NoticeState advanced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(notices);
        ArgumentNullException.ThrowIfNull(advanced);
        EnsureInitialized();
        return Guard(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var (stored, last) = await NoticeStateTable.LockAsync(connection, expected, cancellationToken).ConfigureAwait(false);
            var next = advanced with
            {
                Version = stored.Version + 1, RemindedUntil = new DateTimeOffset(advanced.RemindedUntil.UtcTicks, TimeSpan.Zero),
            };
            List<Notice> delivered = [];
            await using (var batch = new NpgsqlBatch(connection))
            {
                if (notices.Count > 0)
                {
                    batch.BatchCommands.Add(NoticeTable.Insert(last, notices));
                    batch.BatchCommands.Add(NoticeTable.NotifyAfter(last));
                }

                batch.BatchCommands.Add(NoticeStateTable.Write(next));
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (notices.Count > 0)
                {
                    delivered = await NoticeTable.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
                }

                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                {
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new NoticesDelivered(delivered, next);
        });
    }

    public Task<Notice?> MarkNoticeReadAsync(string uscc, long sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uscc);
        EnsureInitialized();
        return Guard(() => NoticeTable.MarkReadAsync(dataSource, uscc, sequence, at, cancellationToken));
    }
}
