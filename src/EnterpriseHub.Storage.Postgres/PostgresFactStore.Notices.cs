using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The notice contract: policies, delivered notices and where the matcher stands, shared by every
/// replica (the writes are in <c>PostgresFactStore.NoticeWrites.cs</c>). The class declares the
/// contract here, beside its implementation, rather than in the main declaration.
/// </summary>
public sealed partial class PostgresFactStore : INoticeStore
{
    public async Task<Policy?> FindPolicyAsync(string department, string id, CancellationToken cancellationToken) =>
        (await QueryPoliciesAsync("department = $1 AND id = $2", "seq", cancellationToken, department, id).ConfigureAwait(false))
            .SingleOrDefault();

    public Task<IReadOnlyList<Policy>> ActivePoliciesAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        QueryPoliciesAsync("valid_from_ticks <= $1 AND $1 < valid_until_ticks", "seq", cancellationToken, at.UtcTicks);

    public Task<IReadOnlyList<Policy>> PoliciesAfterAsync(long afterSequence, CancellationToken cancellationToken) =>
        QueryPoliciesAsync("seq > $1", "seq", cancellationToken, afterSequence);

    public Task<IReadOnlyList<Policy>> ListPoliciesAsync(string department, CancellationToken cancellationToken) =>
        QueryPoliciesAsync("department = $1", "seq DESC", cancellationToken, department);

    public Task<NoticeState> ReadNoticeStateAsync(CancellationToken cancellationToken) =>
        Guard(() => NoticeStateTable.ReadAsync(dataSource, cancellationToken));

    public Task<IReadOnlyList<Notice>> ListNoticesAsync(string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guard(() => NoticeTable.QueryAsync(
            dataSource, "uscc = $2 AND seq < $3", "seq DESC", limit, cancellationToken, uscc, beforeSequence ?? long.MaxValue));
    }

    public Task<IReadOnlyList<Notice>> ReadNoticesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guard(() => NoticeTable.QueryAsync(dataSource, "seq > $2", "seq", limit, cancellationToken, afterSequence));
    }

    public Task<long> LastNoticeAsync(CancellationToken cancellationToken) =>
        Guard(() => NoticeTable.LastAsync(dataSource, cancellationToken));

    public async Task<IAsyncDisposable?> TryLeadMatchingAsync(CancellationToken cancellationToken)
    {
        EnsureInitialized();
        return await Guard(() => AdvisoryLease.TryTakeAsync(dataSource, AdvisoryLocks.NoticeMatcher, cancellationToken)).ConfigureAwait(false);
    }

    private Task<IReadOnlyList<Policy>> QueryPoliciesAsync(
        string where, string order, CancellationToken cancellationToken, params object[] parameters) =>
        Guard(() => PolicyTable.QueryAsync(dataSource, where, order, cancellationToken, parameters));
}
