using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Storage.Tests;

public abstract partial class FactStoreContractTests
{
    private const int ProvenSize = 64;

    /// <summary>Appends <paramref name="count"/> read records in batches of 1, 2, 3, … so that batches start and end everywhere in the tree.</summary>
    private async Task AppendReadsAsync(int count)
    {
        var appended = 0;
        for (var batch = 1; appended < count; batch++)
        {
            var size = Math.Min(batch, count - appended);
            await AuditStore.AppendAuditAsync(
                [.. Enumerable.Range(appended + 1, size).Select(n => ReadEntry(n, n % 2 == 0 ? Nansha : Zhuhai))], CancellationToken.None);
            appended += size;
        }
    }

    /// <summary>The leaf hashes of the first records, each from the record's own salt and encoding.</summary>
    private async Task<List<byte[]>> LeafHashesAsync(int count)
    {
        var leaves = new List<byte[]>(count);
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var inclusion = await AuditStore.ReadInclusionProofAsync(sequence, count, CancellationToken.None);
            Assert.Equal([.. inclusion.Salt, .. AuditChain.Encode(sequence, inclusion.Record.Entry)], inclusion.LeafBytes);
            leaves.Add(MerkleHash.Leaf(inclusion.LeafBytes));
        }

        return leaves;
    }

    /// <summary>After an upgrade added older records to the tree: their chain is as written and verifies, and the next record extends chain and tree.</summary>
    protected static async Task AssertChainUnchangedAndExtendedWithTheTreeAsync(IAuditStore migrated, List<AuditRecord> written)
    {
        var stored = await migrated.ReadAuditAsync(1, written.Count + 10, CancellationToken.None);
        Assert.Equal(written.Select(r => r.Hash), stored.Select(r => r.Hash));
        Assert.Null(AuditChain.Verify(stored, 1, AuditChain.GenesisHash));

        var next = await migrated.AppendAuditAsync([ReadEntry(written.Count + 1, Nansha)], CancellationToken.None);

        Assert.Equal(written[^1].Hash, next[0].PreviousHash);
        await AuditTreeAssert.CoversEveryRecordAsync(migrated);
    }

    [Fact]
    public async Task ReadTreeRootAsync_EverySizeUpTo64_IsTheRootOfTheRecordsLeaves()
    {
        await AppendReadsAsync(ProvenSize);
        var leaves = await LeafHashesAsync(ProvenSize);

        for (var size = 0; size <= ProvenSize; size++)
        {
            Assert.Equal(AuditTreeAssert.RootOf(leaves[..size]), await AuditStore.ReadTreeRootAsync(size, CancellationToken.None));
        }
    }

    [Fact]
    public async Task ReadInclusionProofAsync_EveryIndexOfEveryTreeUpTo64_VerifiesAgainstTheStoresRoot()
    {
        await AppendReadsAsync(ProvenSize);

        for (var size = 1; size <= ProvenSize; size++)
        {
            var root = await AuditStore.ReadTreeRootAsync(size, CancellationToken.None);
            for (var sequence = 1; sequence <= size; sequence++)
            {
                var inclusion = await AuditStore.ReadInclusionProofAsync(sequence, size, CancellationToken.None);
                Assert.Equal((sequence, size), ((int)inclusion.Record.Sequence, (int)inclusion.TreeSize));
                MerkleVerifier.VerifyInclusion(sequence - 1, size, MerkleHash.Leaf(inclusion.LeafBytes), inclusion.Proof, root);
            }
        }
    }

    [Fact]
    public async Task ReadInclusionProofsAsync_SeveralAtOnce_EachAsAloneInTheOrderAsked()
    {
        await AppendReadsAsync(13);
        long[] asked = [13, 1, 7, 7, 4];

        var together = await AuditStore.ReadInclusionProofsAsync(asked, 13, CancellationToken.None);

        Assert.Equal(asked, together.Select(p => p.Record.Sequence));
        foreach (var proof in together)
        {
            var alone = await AuditStore.ReadInclusionProofAsync(proof.Record.Sequence, 13, CancellationToken.None);
            Assert.Equal(alone.Salt, proof.Salt);
            Assert.Equal(alone.LeafBytes, proof.LeafBytes);
            Assert.Equal(alone.Proof, proof.Proof);
        }

        Assert.Empty(await AuditStore.ReadInclusionProofsAsync([], 13, CancellationToken.None));
        await Assert.ThrowsAsync<HubValidationException>(() => AuditStore.ReadInclusionProofsAsync([3, 14], 13, CancellationToken.None));
    }

    [Fact]
    public async Task ReadConsistencyProofAsync_EveryPairUpTo64_VerifiesBetweenTheStoresRoots()
    {
        await AppendReadsAsync(ProvenSize);
        var roots = new List<byte[]>();
        for (var size = 0; size <= ProvenSize; size++)
        {
            roots.Add(await AuditStore.ReadTreeRootAsync(size, CancellationToken.None));
        }

        for (var second = 1; second <= ProvenSize; second++)
        {
            for (var first = 1; first <= second; first++)
            {
                var proof = await AuditStore.ReadConsistencyProofAsync(first, second, CancellationToken.None);
                MerkleVerifier.VerifyConsistency(first, second, proof, roots[first], roots[second]);
            }
        }
    }

    [Fact]
    public async Task ReadTreeRootAsync_EmptyLog_IsTheEmptyRoot()
    {
        Assert.Equal(MerkleHash.EmptyRoot(), await AuditStore.ReadTreeRootAsync(0, CancellationToken.None));
        await Assert.ThrowsAsync<HubValidationException>(() => AuditStore.ReadTreeRootAsync(1, CancellationToken.None));
    }

    [Theory]
    [InlineData("root", -1, 0)]
    [InlineData("root", 6, 0)]
    [InlineData("inclusion", 0, 5)]
    [InlineData("inclusion", 6, 5)]
    [InlineData("inclusion", -1, 5)]
    [InlineData("inclusion", 1, 6)]
    [InlineData("inclusion", 6, 6)]
    [InlineData("consistency", 0, 5)]
    [InlineData("consistency", 5, 4)]
    [InlineData("consistency", 1, 6)]
    [InlineData("consistency", 6, 6)]
    public async Task ReadProof_OutsideTheStoredTree_Refused(string proof, long a, long b)
    {
        await AppendReadsAsync(5);

        var refused = await Assert.ThrowsAsync<HubValidationException>(() => proof switch
        {
            "root" => AuditStore.ReadTreeRootAsync(a, CancellationToken.None),
            "inclusion" => AuditStore.ReadInclusionProofAsync(a, b, CancellationToken.None),
            _ => AuditStore.ReadConsistencyProofAsync(a, b, CancellationToken.None),
        });

        Assert.Single(refused.Violations);
    }

    [Theory]
    [InlineData("purpose = 'another case'")]
    [InlineData("caller = 'tax'")]
    [InlineData("time_ticks = time_ticks + 1")]
    public async Task ReadInclusionProofAsync_RecordEditedInTheDatabase_ItsLeafNoLongerVerifies(string edit)
    {
        await AppendReadsAsync(8);
        var root = await AuditStore.ReadTreeRootAsync(8, CancellationToken.None);

        await ExecuteSqlAsync($"UPDATE audit_records SET {edit} WHERE seq = 3;");

        var edited = await AuditStore.ReadInclusionProofAsync(3, 8, CancellationToken.None);
        Assert.Throws<MerkleProofException>(() =>
            MerkleVerifier.VerifyInclusion(2, 8, MerkleHash.Leaf(edited.LeafBytes), edited.Proof, root));
        var untouched = await AuditStore.ReadInclusionProofAsync(4, 8, CancellationToken.None);
        MerkleVerifier.VerifyInclusion(3, 8, MerkleHash.Leaf(untouched.LeafBytes), untouched.Proof, root);
    }

    [Fact]
    public async Task ReadInclusionProofAsync_RecordDeletedFromTheDatabase_RefusedAsDamagedData()
    {
        await AppendReadsAsync(8);

        await ExecuteSqlAsync("DELETE FROM audit_reads WHERE seq = 5; DELETE FROM audit_records WHERE seq = 5;");

        await Assert.ThrowsAsync<HubDataLossException>(() => AuditStore.ReadInclusionProofAsync(5, 8, CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_RecordsWithoutSaltsOrTree_SaltedAndAddedWhileTheChainStillVerifies()
    {
        await AppendReadsAsync(20);
        await ExecuteSqlAsync("UPDATE audit_records SET salt = NULL; DELETE FROM audit_tree;");
        // Appended while the tree is behind: stored salted, left for the catch-up at the next start.
        await AuditStore.AppendAuditAsync([ReadEntry(21, Nansha)], CancellationToken.None);
        await Assert.ThrowsAsync<HubValidationException>(() => AuditStore.ReadTreeRootAsync(1, CancellationToken.None));

        await ReopenAsync();

        await AuditTreeAssert.CoversEveryRecordAsync(AuditStore);
        Assert.Null(AuditChain.Verify(await AllAuditAsync(), 1, AuditChain.GenesisHash));
        await AuditStore.AppendAuditAsync([ReadEntry(22, Nansha)], CancellationToken.None);
        await AuditTreeAssert.CoversEveryRecordAsync(AuditStore);
    }

    [Fact]
    public async Task InitializeAsync_TreeCutShortAtACommit_ResumesToTheSameRoot()
    {
        await AppendReadsAsync(13);
        var root = await AuditStore.ReadTreeRootAsync(13, CancellationToken.None);
        // What a catch-up interrupted after committing the first five leaves leaves behind.
        await ExecuteSqlAsync("DELETE FROM audit_tree WHERE finished > 5;");
        await Assert.ThrowsAsync<HubValidationException>(() => AuditStore.ReadTreeRootAsync(6, CancellationToken.None));

        await ReopenAsync();

        Assert.Equal(root, await AuditStore.ReadTreeRootAsync(13, CancellationToken.None));
        await AuditTreeAssert.CoversEveryRecordAsync(AuditStore);
    }

    [Fact]
    public async Task InitializeAsync_TreeOfTheVersionKeyedByLevel_RekeyedToTheSameRootsAndExtended()
    {
        await AppendReadsAsync(37);
        var roots = new List<byte[]>();
        for (var size = 0; size <= 37; size++)
        {
            roots.Add(await AuditStore.ReadTreeRootAsync(size, CancellationToken.None));
        }

        // The tree as schema step 12 left it: level, idx and hash, with no finished column.
        await ExecuteSqlAsync($"""
            CREATE TABLE audit_tree_12 AS SELECT level, (finished >> level) - 1 AS idx, hash FROM audit_tree;
            DROP TABLE audit_tree;
            ALTER TABLE audit_tree_12 RENAME TO audit_tree;
            {RewindSchemaSql(12)}
            """);

        await ReopenAsync();

        for (var size = 0; size <= 37; size++)
        {
            Assert.Equal(roots[size], await AuditStore.ReadTreeRootAsync(size, CancellationToken.None));
        }

        await AuditStore.AppendAuditAsync([ReadEntry(38, Nansha)], CancellationToken.None);
        await AuditTreeAssert.CoversEveryRecordAsync(AuditStore);
    }

    [Fact]
    public async Task AppendAsync_PublishesAndReads_OneTreeOverBothKindsOfRecord()
    {
        await SeedDirectoryAsync();
        await AppendAsync("tax", Draft(Nansha, TaxGrade, """{"grade":"B"}""", T0.AddTicks(1), "tax-t1"));
        await AppendReadsAsync(6);
        await AppendAsync("tax", Draft(Zhuhai, TaxGrade, """{"grade":"C"}""", T0.AddTicks(2), "tax-t2"));

        await AuditTreeAssert.CoversEveryRecordAsync(AuditStore);
    }
}
