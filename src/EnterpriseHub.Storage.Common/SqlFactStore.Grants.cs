using System.Data.Common;
using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Storage.Common;

/// <summary>The grant contract: requests, answers and revocations, each with its audit record.</summary>
public abstract partial class SqlFactStore
{
    private const string SelectGrants = $"SELECT {GrantColumns.Select} FROM grants";

    public Task<Grant> AddGrantAsync(Grant grant, AuditEntry audit, CancellationToken cancellationToken) =>
        WriteAsync(
            async (c, t) =>
            {
                await using var insert = GrantCommand(c, t, grant, """
                    INSERT INTO grants (fact_type, requester, owner, purpose, legal_basis, requested_ticks, wanted_until_ticks, state, decided_ticks, decision_reason, expires_ticks, revoked_ticks)
                    VALUES (@type, @requester, @owner, @purpose, @basis, @requested, @wanted, @state, @decided, @reason, @expires, @revoked)
                    RETURNING id;
                    """);
                return grant with { Id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) };
            },
            _ => [audit],
            cancellationToken);

    public async Task<Grant?> FindGrantAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"{SelectGrants} WHERE id = @id;", GrantColumns.Read, cancellationToken, ("@id", id)).ConfigureAwait(false))
            .SingleOrDefault();

    /// <summary>The audit record is kept even when the grant had changed meanwhile.</summary>
    public Task<bool> ReplaceGrantAsync(Grant updated, GrantState expected, AuditEntry audit, CancellationToken cancellationToken) =>
        WriteAsync(
            async (c, t) =>
            {
                await using var update = GrantCommand(c, t, updated, """
                    UPDATE grants SET state = @state, decided_ticks = @decided, decision_reason = @reason,
                                      expires_ticks = @expires, revoked_ticks = @revoked
                    WHERE id = @id AND state = @expected;
                    """);
                Sql.Add(update, "@id", updated.Id);
                Sql.Add(update, "@expected", expected.ToString());
                return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            _ => [audit],
            cancellationToken);

    public async Task<IReadOnlyList<Grant>> ListGrantsAsync(string department, CancellationToken cancellationToken) =>
        await QueryAsync($"{SelectGrants} WHERE requester = @d OR owner = @d ORDER BY id DESC;", GrantColumns.Read, cancellationToken, ("@d", department))
            .ConfigureAwait(false);

    public async Task<IReadOnlyList<Grant>> ActiveGrantsAsync(string requester, DateTimeOffset now, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"{SelectGrants} WHERE requester = @r AND state = 'Approved' AND expires_ticks > @now ORDER BY id DESC;", GrantColumns.Read,
            cancellationToken, ("@r", requester), ("@now", now.UtcTicks)).ConfigureAwait(false);

    private static DbCommand GrantCommand(DbConnection connection, DbTransaction transaction, Grant grant, string sql)
    {
        var command = Sql.Command(connection, transaction, sql);
        GrantColumns.Bind(command, grant);
        return command;
    }
}
