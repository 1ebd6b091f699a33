using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The notice writes. They run on the one writer in an immediate transaction, so a check and the
/// write it guards cannot be interleaved with another, and sequences are handed out in commit order.
/// </summary>
public sealed partial class SqliteFactStore
{
    public async Task<Policy> AddPolicyAsync(Policy policy, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(audit);
        var (stored, _) = await Guard(Writer.WriteAuditingAsync(
            (c, t) => PolicyTable.Add(c, t, policy), added => added.Added ? audit : null, cancellationToken)).ConfigureAwait(false);
        return stored;
    }

    public Task<NoticesDelivered> DeliverNoticesAsync(
        NoticeState expected, IReadOnlyList<NewNotice> notices, NoticeState advanced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(notices);
        ArgumentNullException.ThrowIfNull(advanced);
        return Guard(Writer.WriteAsync(
            (c, t) =>
            {
                var stored = NoticeStateTable.Check(c, t, expected);
                var appended = NoticeTable.Append(c, t, notices);
                var next = advanced with
                {
                    Version = stored.Version + 1,
                    RemindedUntil = new DateTimeOffset(advanced.RemindedUntil.UtcTicks, TimeSpan.Zero),
                };
                NoticeStateTable.Write(c, t, next);
                return new NoticesDelivered(appended, next);
            },
            null,
            cancellationToken));
    }

    public Task<Notice?> MarkNoticeReadAsync(string uscc, long sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uscc);
        return Guard(Writer.WriteAsync((c, t) => NoticeTable.MarkRead(c, t, uscc, sequence, at), null, cancellationToken));
    }
}
