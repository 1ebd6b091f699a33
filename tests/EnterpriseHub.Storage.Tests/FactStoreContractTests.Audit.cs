using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    protected IAuditStore AuditStore => (IAuditStore)Adapter;

    protected static AuditEntry ReadEntry(int n, params string[] usccs) =>
        new(T0.AddMinutes(n), "portal", $"officer-{n}", AuditActions.Read, usccs, [TaxGrade], "case 42", $"req-{n}", "ok", $"n={n}");

    private async Task<List<AuditRecord>> AllAuditAsync() => [.. await AuditStore.ReadAuditAsync(1, 10_000, CancellationToken.None)];

    /// <summary>Runs SQL on the adapter's database on a connection of its own, as someone with access to it could.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>A read entry built while the caller's correlation id is current.</summary>
    protected static AuditEntry CorrelatedEntry(int n, string correlationId, params string[] usccs)
    {
        using (AuditCorrelation.Begin(correlationId))
        {
            return ReadEntry(n, usccs);
        }
    }

    /// <summary>Records linked as a hub before correlation ids linked them: none carries one.</summary>
    protected static List<AuditRecord> ChainWithoutCorrelationIds(int count)
    {
        var records = new List<AuditRecord>();
        var previous = AuditChain.GenesisHash;
        for (var n = 1; n <= count; n++)
        {
            records.Add(AuditChain.Link(n, previous, ReadEntry(n, Nansha)));
            previous = records[^1].Hash;
        }

        return records;
    }

    /// <summary>
    /// What an adapter must show after migrating a database an older hub wrote: the old chain
    /// verifies with its stored hashes, and new records with correlation ids extend it.
    /// </summary>
    protected static async Task AssertOldChainVerifiesAfterMigrationAsync(IAuditStore migrated, List<AuditRecord> written)
    {
        var stored = await migrated.ReadAuditAsync(1, 100, CancellationToken.None);
        Assert.Equal(written.Select(r => r.Hash), stored.Select(r => r.Hash));
        Assert.All(stored, r => Assert.Equal("", r.Entry.CorrelationId));
        Assert.Null(AuditChain.Verify(stored, 1, AuditChain.GenesisHash));

        var next = await migrated.AppendAuditAsync([CorrelatedEntry(written.Count + 1, "dept-call-9", Nansha)], CancellationToken.None);

        var all = await migrated.ReadAuditAsync(1, 100, CancellationToken.None);
        Assert.Equal(written[^1].Hash, next[0].PreviousHash);
        Assert.Equal("dept-call-9", all[^1].Entry.CorrelationId);
        Assert.Null(AuditChain.Verify(all, 1, AuditChain.GenesisHash));
    }

    [Fact]
    public async Task AppendAuditAsync_CorrelationId_StoredReadBackAndCoveredByTheChain()
    {
        var records = await AuditStore.AppendAuditAsync(
            [ReadEntry(1, Nansha), CorrelatedEntry(2, "dept-call-2", Nansha), ReadEntry(3, Nansha)], CancellationToken.None);

        var stored = await AllAuditAsync();
        Assert.Equal(["", "dept-call-2", ""], stored.Select(r => r.Entry.CorrelationId));
        Assert.Equal(records.Select(r => r.Hash), stored.Select(r => r.Hash));
        Assert.Equal(records[1].Entry, stored[1].Entry with { Usccs = records[1].Entry.Usccs, FactTypes = records[1].Entry.FactTypes });
        Assert.Null(AuditChain.Verify(stored, 1, AuditChain.GenesisHash));
        var read = await AuditStore.ListReadsAsync(Nansha, 10, null, CancellationToken.None);
        Assert.Equal("dept-call-2", read.Single(r => r.Sequence == 2).Entry.CorrelationId);
    }

    [Theory]
    [InlineData(2, "someone-else")]
    [InlineData(2, "")]
    [InlineData(3, "added-later")]
    public async Task ReadAuditAsync_CorrelationIdEditedInTheDatabase_BreaksVerificationAtThatRecord(long sequence, string correlationId)
    {
        await AuditStore.AppendAuditAsync(
            [ReadEntry(1, Nansha), CorrelatedEntry(2, "dept-call-2", Nansha), ReadEntry(3, Nansha), ReadEntry(4)], CancellationToken.None);
        Assert.Null(AuditChain.Verify(await AllAuditAsync(), 1, AuditChain.GenesisHash));

        await ExecuteSqlAsync($"UPDATE audit_records SET correlation_id = '{correlationId}' WHERE seq = {sequence};");

        var broken = AuditChain.Verify(await AllAuditAsync(), 1, AuditChain.GenesisHash);
        Assert.Equal(sequence, broken!.Sequence);
        Assert.Equal("its content does not match its hash", broken.Problem);
    }

    [Fact]
    public async Task AppendAuditAsync_SeveralCalls_LinkOneChainThatVerifies()
    {
        var first = await AuditStore.AppendAuditAsync([ReadEntry(1, Nansha), ReadEntry(2, Zhuhai), ReadEntry(3)], CancellationToken.None);
        var second = await AuditStore.AppendAuditAsync([ReadEntry(4, Nansha, Nansha)], CancellationToken.None);

        var stored = await AllAuditAsync();
        Assert.Equal([1L, 2, 3, 4], stored.Select(r => r.Sequence));
        Assert.Equal(first.Concat(second).Select(r => r.Hash), stored.Select(r => r.Hash));
        Assert.Equal(AuditChain.GenesisHash, stored[0].PreviousHash);
        Assert.Null(AuditChain.Verify(stored, 1, AuditChain.GenesisHash));
        Assert.Equal(ReadEntry(2, Zhuhai) with { Usccs = stored[1].Entry.Usccs, FactTypes = stored[1].Entry.FactTypes }, stored[1].Entry);
        Assert.Equal([Zhuhai], stored[1].Entry.Usccs);
        Assert.Empty(await AuditStore.AppendAuditAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task Head_EmptyStore_IsGenesis_ThenFollowsTheLastRecord()
    {
        var genesis = new AuditHead(0, AuditChain.GenesisHash);
        Assert.Equal(genesis, AuditStore.Head);
        Assert.Equal(genesis, await AuditStore.ReadHeadAsync(CancellationToken.None));

        var records = await AuditStore.AppendAuditAsync([ReadEntry(1, Nansha), ReadEntry(2, Nansha)], CancellationToken.None);

        var last = new AuditHead(records[^1].Sequence, records[^1].Hash);
        Assert.Equal(last, AuditStore.Head);
        Assert.Equal(last, await AuditStore.ReadHeadAsync(CancellationToken.None));
        await ReopenAsync();
        Assert.Equal(last, AuditStore.Head);
        var next = await AuditStore.AppendAuditAsync([ReadEntry(3)], CancellationToken.None);
        Assert.Equal(last.Hash, next[0].PreviousHash);
        Assert.Null(AuditChain.Verify(await AllAuditAsync(), 1, AuditChain.GenesisHash));
    }

    [Fact]
    public async Task HashBeforeAsync_ReturnsThePreviousHashOrNullPastTheEnd()
    {
        var records = await AuditStore.AppendAuditAsync([ReadEntry(1), ReadEntry(2), ReadEntry(3)], CancellationToken.None);

        Assert.Equal(AuditChain.GenesisHash, await AuditStore.HashBeforeAsync(1, CancellationToken.None));
        Assert.Equal(records[1].Hash, await AuditStore.HashBeforeAsync(3, CancellationToken.None));
        Assert.Equal(records[2].Hash, await AuditStore.HashBeforeAsync(4, CancellationToken.None));
        Assert.Null(await AuditStore.HashBeforeAsync(6, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAuditAsync_FromAndLimit_PageInSequenceOrder()
    {
        await AuditStore.AppendAuditAsync([.. Enumerable.Range(1, 7).Select(n => ReadEntry(n))], CancellationToken.None);

        Assert.Equal([3L, 4], (await AuditStore.ReadAuditAsync(3, 2, CancellationToken.None)).Select(r => r.Sequence));
        Assert.Equal([6L, 7], (await AuditStore.ReadAuditAsync(6, 10, CancellationToken.None)).Select(r => r.Sequence));
        Assert.Empty(await AuditStore.ReadAuditAsync(8, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ListReadsAsync_OnlyReadsNamingTheEnterprise_NewestFirstAndPaged()
    {
        await AuditStore.AppendAuditAsync(
            [ReadEntry(1, Nansha), ReadEntry(2, Zhuhai), ReadEntry(3, Nansha, Zhuhai), ReadEntry(4, Nansha, Nansha), ReadEntry(5, Nansha)],
            CancellationToken.None);
        await AuditStore.AppendAuditAsync(
            [new AuditEntry(T0, "tax", "", AuditActions.Publish, [Nansha], [TaxGrade], "", "req-p", "ok")], CancellationToken.None);

        var newest = await AuditStore.ListReadsAsync(Nansha, 2, null, CancellationToken.None);
        var older = await AuditStore.ListReadsAsync(Nansha, 10, newest[^1].Sequence, CancellationToken.None);

        Assert.Equal([5L, 4], newest.Select(r => r.Sequence));
        Assert.Equal([3L, 1], older.Select(r => r.Sequence));
        Assert.Equal("officer-3", older[0].Entry.OfficerId);
        Assert.Equal([3L, 2], (await AuditStore.ListReadsAsync(Zhuhai, 10, null, CancellationToken.None)).Select(r => r.Sequence));
        Assert.Empty(await AuditStore.ListReadsAsync(Beijing, 10, null, CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_Publish_StoresItsAuditRecordWithCounts()
    {
        var entry = Audit("amr") with { Detail = "batch 7", Usccs = [Nansha] };
        var drafts = new[] { LicenceDraft(Nansha, "甲", "C39", T0, "r1"), LicenceDraft(Zhuhai, "乙", "G54", T0, "r2") };

        await Store.AppendAsync("amr", drafts, T0.AddHours(1), entry, CancellationToken.None);
        await Store.AppendAsync("amr", drafts, T0.AddHours(2), Audit("amr"), CancellationToken.None);

        var stored = await AllAuditAsync();
        Assert.Equal(2, stored.Count);
        Assert.Equal(entry with { Detail = "batch 7; stored 2, duplicates 0", Usccs = stored[0].Entry.Usccs, FactTypes = stored[0].Entry.FactTypes }, stored[0].Entry);
        Assert.Equal("stored 0, duplicates 2", stored[1].Entry.Detail);
        Assert.Equal(AuditActions.Publish, stored[1].Entry.Action);
        Assert.Null(AuditChain.Verify(stored, 1, AuditChain.GenesisHash));
        Assert.Equal(new AuditHead(2, stored[1].Hash), AuditStore.Head);
    }

    [Fact]
    public async Task AppendAsync_ConflictingOrEmptyBatch_LeavesNoAuditRecord()
    {
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"A"}""", T0, "r1"));
        var head = await AuditStore.ReadHeadAsync(CancellationToken.None);

        await Assert.ThrowsAsync<HubConflictException>(() => AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"B"}""", T0, "r1")));
        await AppendAsync("tax");

        Assert.Equal(head, await AuditStore.ReadHeadAsync(CancellationToken.None));
        Assert.Equal(head, AuditStore.Head);
        Assert.Single(await AllAuditAsync());
    }
}
