using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>The grant contract: requests, answers and revocations, each with its audit record.</summary>
public sealed partial class PostgresFactStore
{
    public async Task<Grant> AddGrantAsync(Grant grant, AuditEntry audit, CancellationToken cancellationToken)
    {
        var (id, _) = await WriteAsync(c => GrantTable.InsertAsync(c, grant, cancellationToken), _ => [audit], cancellationToken)
            .ConfigureAwait(false);
        return grant with { Id = id };
    }

    public async Task<Grant?> FindGrantAsync(long id, CancellationToken cancellationToken) =>
        (await QueryGrantsAsync("id = @id", cancellationToken, ("id", id)).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>As the embedded store does, the audit record is kept even when the grant had changed meanwhile.</summary>
    public async Task<bool> ReplaceGrantAsync(Grant updated, GrantState expected, AuditEntry audit, CancellationToken cancellationToken) =>
        (await WriteAsync(c => GrantTable.ReplaceAsync(c, updated, expected, cancellationToken), _ => [audit], cancellationToken)
            .ConfigureAwait(false)).Result;

    public async Task<IReadOnlyList<Grant>> ListGrantsAsync(string department, CancellationToken cancellationToken) =>
        await QueryGrantsAsync("requester = @d OR owner = @d", cancellationToken, ("d", department)).ConfigureAwait(false);

    public async Task<IReadOnlyList<Grant>> ActiveGrantsAsync(string requester, DateTimeOffset now, CancellationToken cancellationToken) =>
        await QueryGrantsAsync(
            "requester = @r AND state = 'Approved' AND expires_ticks > @now", cancellationToken, ("r", requester), ("now", now.UtcTicks))
            .ConfigureAwait(false);

    private Task<List<Grant>> QueryGrantsAsync(string where, CancellationToken cancellationToken, params (string, object)[] parameters) =>
        Guard(() => GrantTable.QueryAsync(dataSource, where, cancellationToken, parameters));
}
