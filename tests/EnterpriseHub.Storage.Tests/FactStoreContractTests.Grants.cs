using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    protected IGrantStore GrantStore => (IGrantStore)Adapter;

    protected static Grant Request(string requester, string owner, int day) => new(
        0, "tax.arrears", requester, owner, "credit check", "Reg. 12", T0.AddDays(day), T0.AddDays(day + 90),
        GrantState.Pending, null, "", null, null);

    protected static AuditEntry GrantAudit(string action, string caller) => new(T0, caller, "", action, [], ["tax.arrears"], "", "req", "ok");

    [Fact]
    public async Task AddGrantAsync_AssignsIdsAndStoresEveryFieldWithItsAuditRecord()
    {
        var first = await GrantStore.AddGrantAsync(Request("customs", "tax", 1), GrantAudit(AuditActions.GrantRequest, "customs"), CancellationToken.None);
        var second = await GrantStore.AddGrantAsync(Request("amr", "tax", 2), GrantAudit(AuditActions.GrantRequest, "amr"), CancellationToken.None);

        Assert.True(first.Id > 0 && second.Id > first.Id);
        Assert.Equal(first, await GrantStore.FindGrantAsync(first.Id, CancellationToken.None));
        Assert.Null(await GrantStore.FindGrantAsync(second.Id + 100, CancellationToken.None));
        var audit = await AuditStore.ReadAuditAsync(1, 10, CancellationToken.None);
        Assert.Equal([AuditActions.GrantRequest, AuditActions.GrantRequest], audit.Select(r => r.Entry.Action));
        Assert.Equal("amr", audit[1].Entry.Caller);
    }

    [Fact]
    public async Task ReplaceGrantAsync_OnlyFromTheExpectedState()
    {
        var pending = await GrantStore.AddGrantAsync(Request("customs", "tax", 1), GrantAudit(AuditActions.GrantRequest, "customs"), CancellationToken.None);
        var approved = pending with { State = GrantState.Approved, DecidedAt = T0.AddDays(2), DecisionReason = "ok", ExpiresAt = T0.AddDays(30) };
        var refused = pending with { State = GrantState.Refused, DecidedAt = T0.AddDays(2), DecisionReason = "no" };

        Assert.True(await GrantStore.ReplaceGrantAsync(approved, GrantState.Pending, GrantAudit(AuditActions.GrantDecision, "tax"), CancellationToken.None));
        Assert.False(await GrantStore.ReplaceGrantAsync(refused, GrantState.Pending, GrantAudit(AuditActions.GrantDecision, "tax"), CancellationToken.None));

        Assert.Equal(approved, await GrantStore.FindGrantAsync(pending.Id, CancellationToken.None));
        var revoked = approved with { State = GrantState.Revoked, RevokedAt = T0.AddDays(3) };
        Assert.True(await GrantStore.ReplaceGrantAsync(revoked, GrantState.Approved, GrantAudit(AuditActions.GrantRevocation, "tax"), CancellationToken.None));
        Assert.Equal(revoked, await GrantStore.FindGrantAsync(pending.Id, CancellationToken.None));
        Assert.Null(AuditChain.Verify(await AuditStore.ReadAuditAsync(1, 10, CancellationToken.None), 1, AuditChain.GenesisHash));
    }

    [Fact]
    public async Task ListGrantsAsync_AskedForOrOwned_NewestFirst()
    {
        var a = await GrantStore.AddGrantAsync(Request("customs", "tax", 1), GrantAudit(AuditActions.GrantRequest, "customs"), CancellationToken.None);
        var b = await GrantStore.AddGrantAsync(Request("tax", "hrss", 2), GrantAudit(AuditActions.GrantRequest, "tax"), CancellationToken.None);
        await GrantStore.AddGrantAsync(Request("customs", "hrss", 3), GrantAudit(AuditActions.GrantRequest, "customs"), CancellationToken.None);

        Assert.Equal([b.Id, a.Id], (await GrantStore.ListGrantsAsync("tax", CancellationToken.None)).Select(g => g.Id));
        Assert.Empty(await GrantStore.ListGrantsAsync("court", CancellationToken.None));
    }

    [Fact]
    public async Task ActiveGrantsAsync_ApprovedAndUnexpiredOnly()
    {
        async Task<Grant> StoreAsync(Grant request, Func<Grant, Grant>? answer = null)
        {
            var stored = await GrantStore.AddGrantAsync(request, GrantAudit(AuditActions.GrantRequest, request.Requester), CancellationToken.None);
            if (answer is not null)
            {
                stored = answer(stored);
                await GrantStore.ReplaceGrantAsync(stored, GrantState.Pending, GrantAudit(AuditActions.GrantDecision, "tax"), CancellationToken.None);
            }

            return stored;
        }

        var active = await StoreAsync(Request("customs", "tax", 1), g => g with { State = GrantState.Approved, ExpiresAt = T0.AddDays(30) });
        await StoreAsync(Request("customs", "tax", 2), g => g with { State = GrantState.Approved, ExpiresAt = T0.AddDays(5) });
        await StoreAsync(Request("customs", "tax", 3), g => g with { State = GrantState.Refused });
        await StoreAsync(Request("customs", "tax", 4));
        await StoreAsync(Request("amr", "tax", 5), g => g with { State = GrantState.Approved, ExpiresAt = T0.AddDays(30) });

        var found = await GrantStore.ActiveGrantsAsync("customs", T0.AddDays(10), CancellationToken.None);

        Assert.Equal([active], found);
    }
}
