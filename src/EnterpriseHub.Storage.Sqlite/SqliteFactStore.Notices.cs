using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The notice contract: policies, delivered notices and where the matcher stands (the writes are
/// in <c>SqliteFactStore.NoticeWrites.cs</c>). The class declares the contract here, beside its
/// implementation, rather than in the main declaration.
/// </summary>
public sealed partial class SqliteFactStore : INoticeStore
{
    private readonly ProcessLease matchingLease = new();

    public async Task<Policy?> FindPolicyAsync(string department, string id, CancellationToken cancellationToken) =>
        (await QueryPoliciesAsync("department = $d AND id = $id", "seq", cancellationToken, ("$d", department), ("$id", id))
            .ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<Policy>> ActivePoliciesAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        QueryPoliciesAsync("valid_from_ticks <= $at AND $at < valid_until_ticks", "seq", cancellationToken, ("$at", at.UtcTicks));

    public Task<IReadOnlyList<Policy>> PoliciesAfterAsync(long afterSequence, CancellationToken cancellationToken) =>
        QueryPoliciesAsync("seq > $after", "seq", cancellationToken, ("$after", afterSequence));

    public Task<IReadOnlyList<Policy>> ListPoliciesAsync(string department, CancellationToken cancellationToken) =>
        QueryPoliciesAsync("department = $d", "seq DESC", cancellationToken, ("$d", department));

    public Task<NoticeState> ReadNoticeStateAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => Task.FromResult(NoticeStateTable.Read(c, null)), cancellationToken);

    public Task<IReadOnlyList<Notice>> ListNoticesAsync(string uscc, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return ReadAsync(
            c => NoticeTable.QueryAsync(
                c, "uscc = $uscc AND seq < $before", "seq DESC", limit, cancellationToken,
                ("$uscc", uscc), ("$before", beforeSequence ?? long.MaxValue)),
            cancellationToken);
    }

    public Task<IReadOnlyList<Notice>> ReadNoticesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return ReadAsync(
            c => NoticeTable.QueryAsync(c, "seq > $after", "seq", limit, cancellationToken, ("$after", afterSequence)), cancellationToken);
    }

    public Task<long> LastNoticeAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => Task.FromResult(NoticeTable.Last(c, null)), cancellationToken);

    /// <summary>One process holds an embedded store's file, so the lease is this instance's alone.</summary>
    public Task<IAsyncDisposable?> TryLeadMatchingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(matchingLease.TryTake());
    }

    private Task<IReadOnlyList<Policy>> QueryPoliciesAsync(
        string where, string order, CancellationToken cancellationToken, params (string, object)[] parameters) =>
        ReadAsync(c => PolicyTable.QueryAsync(c, where, order, cancellationToken, parameters), cancellationToken);
}
