using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The grant contract: requests, answers and revocations, each with its audit record.</summary>
public sealed partial class SqliteFactStore
{
    public Task<Grant> AddGrantAsync(Grant grant, AuditEntry audit, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAsync((c, t) => grant with { Id = GrantTable.Insert(c, t, grant) }, audit, cancellationToken));

    public async Task<Grant?> FindGrantAsync(long id, CancellationToken cancellationToken) =>
        (await QueryGrantsAsync("id = $id", cancellationToken, ("$id", id)).ConfigureAwait(false)).SingleOrDefault();

    public Task<bool> ReplaceGrantAsync(Grant updated, GrantState expected, AuditEntry audit, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAsync((c, t) => GrantTable.Replace(c, t, updated, expected), audit, cancellationToken));

    public async Task<IReadOnlyList<Grant>> ListGrantsAsync(string department, CancellationToken cancellationToken) =>
        await QueryGrantsAsync("requester = $d OR owner = $d", cancellationToken, ("$d", department)).ConfigureAwait(false);

    public async Task<IReadOnlyList<Grant>> ActiveGrantsAsync(string requester, DateTimeOffset now, CancellationToken cancellationToken) =>
        await QueryGrantsAsync(
            "requester = $r AND state = 'Approved' AND expires_ticks > $now", cancellationToken, ("$r", requester), ("$now", now.UtcTicks))
            .ConfigureAwait(false);

    private Task<List<Grant>> QueryGrantsAsync(string where, CancellationToken cancellationToken, params (string, object)[] parameters) =>
        ReadAsync(c => GrantTable.QueryAsync(c, where, cancellationToken, parameters), cancellationToken);
}
