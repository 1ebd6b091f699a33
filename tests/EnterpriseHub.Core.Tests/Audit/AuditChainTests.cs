using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Verify_UntouchedChain_FindsNoBreak()
    {
        var chain = Chain(5);

        Assert.Null(AuditChain.Verify(chain, 1, AuditChain.GenesisHash));
    }

    [Fact]
    public void Verify_EditedRecord_NamesIt()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Entry = chain[2].Entry with { Purpose = "something else" } };

        Assert.Equal(3, AuditChain.Verify(chain, 1, AuditChain.GenesisHash)!.Sequence);
    }

    [Fact]
    public void Verify_DeletedRecord_NamesTheMissingSequence()
    {
        var chain = Chain(5);
        chain.RemoveAt(3);

        Assert.Equal(4, AuditChain.Verify(chain, 1, AuditChain.GenesisHash)!.Sequence);
    }

    [Fact]
    public void Verify_RecordRehashedAfterEdit_BreaksTheNextLink()
    {
        var chain = Chain(5);
        var edited = chain[1].Entry with { Caller = "court" };
        chain[1] = AuditChain.Link(2, chain[1].PreviousHash, edited);

        Assert.Equal(3, AuditChain.Verify(chain, 1, AuditChain.GenesisHash)!.Sequence);
    }

    [Fact]
    public void Encode_ListBoundaries_AreUnambiguous()
    {
        var a = Entry() with { Usccs = ["ab", "c"] };
        var b = Entry() with { Usccs = ["a", "bc"] };

        Assert.NotEqual(AuditChain.ComputeHash(1, AuditChain.GenesisHash, a), AuditChain.ComputeHash(1, AuditChain.GenesisHash, b));
    }

    [Fact]
    public void ComputeHash_SameInput_IsStable() =>
        Assert.Equal(AuditChain.ComputeHash(7, AuditChain.GenesisHash, Entry()), AuditChain.ComputeHash(7, AuditChain.GenesisHash, Entry()));

    [Fact]
    public void ComputeHash_NoCorrelationId_IsTheHashRecordsHadBeforeCorrelationIds() =>
        Assert.Equal(
            "981e9e29c974a544a60b2e5399ef03abddcf788fa7f700b9598409b5344f1589",
            AuditChain.ComputeHash(7, AuditChain.GenesisHash, Entry()));

    [Fact]
    public void ComputeHash_WithCorrelationId_CoversIt()
    {
        var correlated = Entry() with { CorrelationId = "dept-42" };

        Assert.Equal(
            "4c4bee01ca99c7b886db4d1bd3a082fc80057ee12a505641bd17734e8e5e93a9",
            AuditChain.ComputeHash(7, AuditChain.GenesisHash, correlated));
        Assert.NotEqual(
            AuditChain.ComputeHash(7, AuditChain.GenesisHash, correlated),
            AuditChain.ComputeHash(7, AuditChain.GenesisHash, correlated with { CorrelationId = "dept-43" }));
    }

    [Fact]
    public void Verify_CorrelationIdEditedOrRemoved_NamesTheRecord()
    {
        var chain = Chain(4);
        chain[1] = AuditChain.Link(2, chain[1].PreviousHash, chain[1].Entry with { CorrelationId = "dept-42" });
        chain[2] = AuditChain.Link(3, chain[1].Hash, chain[2].Entry);
        chain[3] = AuditChain.Link(4, chain[2].Hash, chain[3].Entry);
        Assert.Null(AuditChain.Verify(chain, 1, AuditChain.GenesisHash));

        var edited = chain.ToList();
        edited[1] = edited[1] with { Entry = edited[1].Entry with { CorrelationId = "dept-43" } };
        var removed = chain.ToList();
        removed[1] = removed[1] with { Entry = removed[1].Entry with { CorrelationId = "" } };

        Assert.Equal(2, AuditChain.Verify(edited, 1, AuditChain.GenesisHash)!.Sequence);
        Assert.Equal(2, AuditChain.Verify(removed, 1, AuditChain.GenesisHash)!.Sequence);
    }

    [Fact]
    public void CorrelationId_CapturedWhereTheEntryIsBuilt()
    {
        AuditEntry inside;
        using (AuditCorrelation.Begin("dept-42"))
        {
            inside = Entry();
        }

        Assert.Equal("dept-42", inside.CorrelationId);
        Assert.Equal("", Entry().CorrelationId);
        Assert.Equal("", AuditCorrelation.Current);
    }

    private static AuditEntry Entry() =>
        new(Noon, "tax", "officer-1", AuditActions.Read, ["91440115MA5HUB013L"], ["amr.business_license"], "case 1", "req-1", "ok");

    private static List<AuditRecord> Chain(int count)
    {
        var records = new List<AuditRecord>();
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var record = AuditChain.Link(i, previous, Entry() with { RequestId = $"req-{i}" });
            records.Add(record);
            previous = record.Hash;
        }

        return records;
    }
}
