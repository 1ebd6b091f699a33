using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// The notice contract: policies, delivered notices and where the matcher stands. Policy and
/// notice sequences are the greatest stored plus one, taken under a lock held to the commit (the
/// policies' lock, the state row's), so they follow commit order without gaps.
/// </summary>
public abstract partial class SqlFactStore
{
    private const string SelectPolicies = $"SELECT {NoticeColumns.Policy} FROM policies";
    private const string SelectNotices = $"SELECT {NoticeColumns.Notice} FROM notices";
    private const string SelectNoticeState = $"SELECT {NoticeColumns.State} FROM notice_state WHERE id = 1";

    public async Task<Policy> AddPolicyAsync(Policy policy, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(audit);
        var (stored, _) = await WriteAsync(
            async (c, t) =>
            {
                await engine.LockAsync(c, t, WriteLock.Policies, cancellationToken).ConfigureAwait(false);
                if ((await Sql.QueryAsync(
                        c, t, $"{SelectPolicies} WHERE department = @d AND id = @id;", NoticeColumns.ReadPolicy, cancellationToken,
                        ("@d", policy.Department), ("@id", policy.Id)).ConfigureAwait(false)) is [var existing])
                {
                    return (NoticeColumns.Same(existing, policy), Added: false);
                }

                var added = await Sql.QueryAsync(
                    c, t, $"""
                    INSERT INTO policies ({NoticeColumns.Policy})
                    VALUES (@d, @id, (SELECT coalesce(max(seq), 0) + 1 FROM policies), @kind, @title, @body, @condition, @from, @until, @published)
                    RETURNING {NoticeColumns.Policy};
                    """, NoticeColumns.ReadPolicy, cancellationToken,
                    ("@d", policy.Department), ("@id", policy.Id), ("@kind", policy.Kind.ToString()), ("@title", policy.Title),
                    ("@body", policy.Body), ("@condition", policy.Condition), ("@from", policy.ValidFrom.UtcTicks),
                    ("@until", policy.ValidUntil.UtcTicks), ("@published", policy.PublishedAt.UtcTicks)).ConfigureAwait(false);
                return (added.Single(), Added: true);
            },
            result => result.Added ? [audit] : [],
            cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<Policy?> FindPolicyAsync(string department, string id, CancellationToken cancellationToken) =>
        (await QueryAsync(
            $"{SelectPolicies} WHERE department = @d AND id = @id;", NoticeColumns.ReadPolicy, cancellationToken, ("@d", department), ("@id", id))
            .ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<Policy>> ActivePoliciesAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"{SelectPolicies} WHERE valid_from_ticks <= @at AND @at < valid_until_ticks ORDER BY seq;", NoticeColumns.ReadPolicy,
            cancellationToken, ("@at", at.UtcTicks)).ConfigureAwait(false);

    public async Task<IReadOnlyList<Policy>> PoliciesAfterAsync(long afterSequence, CancellationToken cancellationToken) =>
        await QueryAsync($"{SelectPolicies} WHERE seq > @after ORDER BY seq;", NoticeColumns.ReadPolicy, cancellationToken, ("@after", afterSequence))
            .ConfigureAwait(false);

    public async Task<IReadOnlyList<Policy>> ListPoliciesAsync(string department, CancellationToken cancellationToken) =>
        await QueryAsync($"{SelectPolicies} WHERE department = @d ORDER BY seq DESC;", NoticeColumns.ReadPolicy, cancellationToken, ("@d", department))
            .ConfigureAwait(false);

    public async Task<NoticeState> ReadNoticeStateAsync(CancellationToken cancellationToken) =>
        Single(await QueryAsync($"{SelectNoticeState};", NoticeColumns.ReadState, cancellationToken).ConfigureAwait(false), "notice");

    /// <summary>
    /// Locks the state row first and holds it to the commit: the optimistic check cannot be
    /// overtaken, and no other delivery can store a key meanwhile.
    /// </summary>
    public Task<NoticesDelivered> DeliverNoticesAsync(
        NoticeState expected, IReadOnlyList<NewNotice> notices, NoticeState advanced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(notices);
        ArgumentNullException.ThrowIfNull(advanced);
        return WriteAsync(
            async (c, t) =>
            {
                var (stored, last) = await Sql.RowAndLastAsync(
                    c, t, SelectNoticeState + engine.ForUpdate, "notices", NoticeColumns.ReadState, cancellationToken).ConfigureAwait(false);
                if (stored != expected)
                {
                    throw NoticeColumns.StateChanged();
                }

                List<Notice> delivered = [];
                if (notices.Count > 0)
                {
                    delivered = await engine.InsertNoticesAsync(c, t, last, notices, cancellationToken).ConfigureAwait(false);
                    if (delivered.Count > 0)
                    {
                        await engine.NotifyAsync(c, t, Channels.Notices, delivered[^1].Sequence, cancellationToken).ConfigureAwait(false);
                    }
                }

                var next = advanced with
                {
                    Version = stored.Version + 1, RemindedUntil = new DateTimeOffset(advanced.RemindedUntil.UtcTicks, TimeSpan.Zero),
                };
                await Sql.ExecuteAsync(c, t, """
                    UPDATE notice_state SET version = @version, fact_cursor = @facts, policy_cursor = @policies,
                        reminded_until_ticks = @reminded, alert_cursor = @alerts
                    WHERE id = 1;
                    """, cancellationToken,
                    ("@version", next.Version), ("@facts", next.FactCursor), ("@policies", next.PolicyCursor),
                    ("@reminded", next.RemindedUntil.UtcTicks), ("@alerts", next.AlertCursor)).ConfigureAwait(false);
                return new NoticesDelivered(delivered, next);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<Notice>> ListNoticesAsync(string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await QueryAsync(
            $"{SelectNotices} WHERE uscc = @uscc AND seq < @before ORDER BY seq DESC LIMIT @limit;", NoticeColumns.ReadNotice, cancellationToken,
            ("@uscc", uscc), ("@before", beforeSequence ?? long.MaxValue), ("@limit", limit)).ConfigureAwait(false);
    }

    /// <summary>Marks the enterprise's notice read unless it was already; null when the enterprise has no such notice.</summary>
    public Task<Notice?> MarkNoticeReadAsync(string uscc, long sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uscc);
        return WriteAsync(
            async (c, t) => (await Sql.QueryAsync(
                c, t, $"UPDATE notices SET read_ticks = coalesce(read_ticks, @at) WHERE seq = @seq AND uscc = @uscc RETURNING {NoticeColumns.Notice};",
                NoticeColumns.ReadNotice, cancellationToken, ("@at", at.UtcTicks), ("@seq", sequence), ("@uscc", uscc)).ConfigureAwait(false))
                .SingleOrDefault(),
            cancellationToken);
    }

    public async Task<IReadOnlyList<Notice>> ReadNoticesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await QueryAsync(
            $"{SelectNotices} WHERE seq > @after ORDER BY seq LIMIT @limit;", NoticeColumns.ReadNotice, cancellationToken,
            ("@after", afterSequence), ("@limit", limit)).ConfigureAwait(false);
    }

    public Task<long> LastNoticeAsync(CancellationToken cancellationToken) =>
        LongAsync("SELECT coalesce(max(seq), 0) FROM notices;", cancellationToken);

    public Task<IAsyncDisposable?> TryLeadMatchingAsync(CancellationToken cancellationToken) => TryLeadAsync(LeaderRole.NoticeMatcher, cancellationToken);

    private Task<IAsyncDisposable?> TryLeadAsync(LeaderRole role, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        return Guard(() => engine.TryLeadAsync(role, cancellationToken));
    }

    /// <summary>The one row of a state table.</summary>
    private static T Single<T>(List<T> rows, string state) =>
        rows is [var row] ? row : throw new InvalidDataException($"The {state} state row is missing.");
}
