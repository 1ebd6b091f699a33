using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    [Fact]
    public async Task LogId_SixteenHexDigits_KeptWhenReopened()
    {
        var id = AuditStore.LogId;

        await ReopenAsync();

        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Equal(id, AuditStore.LogId);
    }

    [Fact]
    public async Task Checkpoints_AddedWithCosignatures_LatestOrBySize_NeverReplaced()
    {
        Assert.Null(await AuditStore.ReadCheckpointAsync(null, CancellationToken.None));
        await Assert.ThrowsAsync<HubNotFoundException>(() => new AuditQueries(AuditStore, new Core.Enterprises.UsccParser(
            Microsoft.Extensions.Options.Options.Create(new Core.Enterprises.UsccOptions()))).LatestCheckpointAsync(CancellationToken.None));

        Assert.True(await AuditStore.AddCheckpointAsync(3, T0, "note of 3\n", CancellationToken.None));
        Assert.True(await AuditStore.AddCheckpointAsync(5, T0.AddSeconds(10), "note of 5\n", CancellationToken.None));
        Assert.False(await AuditStore.AddCheckpointAsync(5, T0.AddSeconds(20), "another note of 5\n", CancellationToken.None));
        await AuditStore.AddCosignatureAsync(5, "w.example/b", "— w.example/b sig-b\n", CancellationToken.None);
        await AuditStore.AddCosignatureAsync(5, "w.example/a", "— w.example/a sig-a\n", CancellationToken.None);
        await AuditStore.AddCosignatureAsync(5, "w.example/a", "— w.example/a other\n", CancellationToken.None);
        await AuditStore.AddCosignatureAsync(3, "w.example/a", "— w.example/a sig-3\n", CancellationToken.None);

        var latest = await AuditStore.ReadCheckpointAsync(null, CancellationToken.None);
        var third = await AuditStore.ReadCheckpointAsync(3, CancellationToken.None);

        Assert.Equal((5L, T0.AddSeconds(10), "note of 5\n"), (latest!.TreeSize, latest.SignedAt, latest.Note));
        Assert.Equal("note of 5\n— w.example/a sig-a\n— w.example/b sig-b\n", latest.WithCosignatures);
        Assert.Equal(["w.example/a"], third!.Cosignatures.Select(c => c.Witness));
        Assert.Null(await AuditStore.ReadCheckpointAsync(4, CancellationToken.None));
        Assert.Equal(5, await AuditStore.ReadCosignedSizeAsync("w.example/a", CancellationToken.None));
        Assert.Equal(0, await AuditStore.ReadCosignedSizeAsync("w.example/c", CancellationToken.None));
    }

    [Fact]
    public async Task TryLeadCheckpointsAsync_OneHolderAtATime_FreedWhenDisposed()
    {
        var first = await AuditStore.TryLeadCheckpointsAsync(CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await AuditStore.TryLeadCheckpointsAsync(CancellationToken.None));

        await first.DisposeAsync();

        await using var second = await AuditStore.TryLeadCheckpointsAsync(CancellationToken.None);
        Assert.NotNull(second);
    }
}
