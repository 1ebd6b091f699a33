using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.ScaleOut;

/// <summary>Two replicas on one PostgreSQL and one Redis agree: what one writes, the other serves at once.</summary>
[Trait("Needs", "PostgreSQL,Redis")]
public sealed class PostgresRedisReplicaTests(ReplicasFixture hub) : IClassFixture<ReplicasFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task PublishOnOneReplica_ReadOnTheOther_ReturnsTheNewValueNeverACachedOne()
    {
        var uscc = TestData.NewUscc();
        for (var i = 1; i <= 12; i++)
        {
            // Alternate the writer; both replicas have the previous value cached when the next is published.
            var (writer, other) = i % 2 == 0 ? ('B', 'A') : ('A', 'B');
            await hub.Client(writer, "amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { Licence(uscc, i) } });

            Assert.Equal($"name {i}", await NameAsync(other, uscc));
            Assert.Equal($"name {i}", await NameAsync(writer, uscc));
            Assert.Equal($"name {i}", await NameAsync(other, uscc));
        }
    }

    [Fact]
    public async Task WatchOnB_PublishOnA_TheFactArrivesWithoutWaitingForAHeartbeat()
    {
        var uscc = TestData.NewUscc();
        using var timeout = new CancellationTokenSource(Patience);
        // A heartbeat a minute away: an event that arrives sooner was woken by A's publish.
        using var call = hub.Client('B', "tax").Exchange.WatchFacts(
            new WatchFactsRequest { Usccs = { uscc }, Purpose = "replica test", OfficerId = "officer-7", HeartbeatSeconds = 60 },
            cancellationToken: timeout.Token);

        for (var i = 1; i <= 3; i++)
        {
            var published = await hub.Client('A', "amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { Licence(uscc, i) } });

            Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
            Assert.Equal(published.Results[0].Sequence, call.ResponseStream.Current.Fact.Sequence);
        }
    }

    [Fact]
    public async Task RevokeOnA_ReadOnB_TheTypeIsWithheldAtOnce()
    {
        var uscc = TestData.NewUscc();
        await hub.Client('A', "amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { Licence(uscc, 1) } });
        await hub.Client('A', "hrss").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Headcount(uscc, "hc-" + uscc, 42) } });
        var customs = hub.Client('A', "customs");
        var grant = (await customs.Catalog.RequestGrantAsync(new RequestGrantRequest
        {
            FactType = "hrss.insured_headcount",
            Purpose = "customs clearance credit checks",
            LegalBasis = "Regulation on government data sharing (2025), art. 12",
            WantedUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
        })).Grant;
        Assert.Contains("hrss.insured_headcount", (await ReadAsync('B', "customs", uscc)).WithheldFactTypes);

        await hub.Client('A', "hrss").Catalog.DecideGrantAsync(new DecideGrantRequest { GrantId = grant.Id, Approve = true });
        Assert.Contains((await ReadAsync('B', "customs", uscc)).Facts, f => f.FactType == "hrss.insured_headcount");

        await hub.Client('A', "hrss").Catalog.RevokeGrantAsync(new RevokeGrantRequest { GrantId = grant.Id, Reason = "inspection closed" });
        var revoked = await ReadAsync('B', "customs", uscc);

        Assert.Contains("hrss.insured_headcount", revoked.WithheldFactTypes);
        Assert.DoesNotContain(revoked.Facts, f => f.FactType == "hrss.insured_headcount");
    }

    [Fact]
    public async Task ChangeFactTypeOnA_PublishOnB_TheNewFieldIsAcceptedAtOnce()
    {
        var catalog = hub.Client('A', "customs").Catalog;
        var current = (await catalog.ListFactTypesAsync(new ListFactTypesRequest())).FactTypes.Single(t => t.Name == "customs.credit_class");
        var field = "note_" + Guid.NewGuid().ToString("N")[..8];
        var proposed = current.Clone();
        proposed.Fields.Add(new FieldSchema { Name = field, Type = FieldType.String, Description = "a remark of the inspecting officer" });
        await catalog.ChangeFactTypeAsync(new ChangeFactTypeRequest { FactType = proposed });

        var uscc = TestData.NewUscc();
        var draft = TestData.Draft(uscc, "customs.credit_class", "cc-" + uscc, ("class", Value.ForString("general")), (field, Value.ForString("checked")));
        // Refused with INVALID_ARGUMENT, were B still on the schema before the change.
        var reply = await hub.Client('B', "customs").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } });

        Assert.False(reply.Results[0].Duplicate);
    }

    [Fact]
    public async Task VerifyChain_AfterBothReplicasWrote_OneIntactChain()
    {
        var uscc = TestData.NewUscc();
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            hub.Client(i % 2 == 0 ? 'A' : 'B', "amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { Licence(uscc, i) } }).ResponseAsync));
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => ReadAsync(i % 2 == 0 ? 'A' : 'B', "tax", uscc)));

        foreach (var replica in new[] { 'A', 'B' })
        {
            var verified = await hub.Client(replica, "admin").Audit.VerifyChainAsync(new VerifyChainRequest());
            Assert.True(verified.Intact, $"{replica}: {verified.Problem}");
            Assert.True(verified.RecordsChecked >= 40, $"{verified.RecordsChecked} records checked");
        }
    }

    [Fact]
    public async Task Checkpoints_OneReplicaSigns_BothServeTheSameAndProveRecordsFromEither()
    {
        var uscc = TestData.NewUscc();
        await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            hub.Client(i % 2 == 0 ? 'A' : 'B', "amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { Licence(uscc, 100 + i) } }).ResponseAsync));
        var size = (await hub.Client('A', "admin").Audit.VerifyChainAsync(new VerifyChainRequest())).HeadSequence;

        var fromA = await Checkpoints.CoveringAsync(hub.Client('A', "court"), size);
        var fromB = await Checkpoints.CoveringAsync(hub.Client('B', "court"), fromA.TreeSize);

        Assert.Equal(fromA.Origin, fromB.Origin);
        // Whichever replica holds the lease signs every checkpoint; the other never does.
        Assert.Equal(1, new[] { hub.LogA, hub.LogB }.Count(log => log.WithEventId(4101).Count > 0));
        Assert.Single(new[] { hub.LogA, hub.LogB }.SelectMany(log => log.WithEventId(4102)));
        var logKey = Transparency.Notes.Ed25519NoteVerifier.FromVerifierKey(File.ReadAllText(Path.Combine(hub.Root, "certs", "audit-log.vkey")).Trim());
        foreach (var replica in new[] { 'A', 'B' })
        {
            var proof = await hub.Client(replica, "admin").Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = size, TreeSize = fromA.TreeSize });
            Assert.Equal(fromA.Note, proof.Checkpoint);
            var (checkpoint, _, _) = Transparency.Notes.Checkpoint.Open(proof.Checkpoint, logKey);
            Transparency.MerkleVerifier.VerifyInclusion(
                proof.LeafIndex, checkpoint.Size, Transparency.MerkleHash.Leaf(proof.Leaf.Span), [.. proof.Hashes.Select(h => h.ToByteArray())], checkpoint.RootHash);
        }
    }

    [Fact]
    public async Task ControlCharactersInFreeText_InvalidArgumentNamingTheField_NothingStored()
    {
        var uscc = TestData.NewUscc();
        var publish = await Assert.ThrowsAsync<RpcException>(() => hub.Client('A', "amr").Exchange.PublishFactsAsync(
            new PublishFactsRequest { Facts = { TestData.Licence(uscc, "lic\u0000-1") } }).ResponseAsync);
        var read = await Assert.ThrowsAsync<RpcException>(() => hub.Client('B', "tax").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = uscc, Purpose = "case\u0000", OfficerId = "officer\u0007" }).ResponseAsync);
        var grant = await Assert.ThrowsAsync<RpcException>(() => hub.Client('A', "customs").Catalog.RequestGrantAsync(new RequestGrantRequest
        {
            FactType = "hrss.insured_headcount", Purpose = "checks", LegalBasis = "art.\u0000 12",
            WantedUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, publish.StatusCode);
        Assert.Equal("facts[0].source_record_id", Assert.Single(publish.FieldViolations()).Field);
        Assert.Equal(["purpose", "officer_id"], read.FieldViolations().Select(v => v.Field));
        Assert.Equal("legal_basis", Assert.Single(grant.FieldViolations()).Field);
        var nothing = await Assert.ThrowsAsync<RpcException>(() => hub.Client('B', "tax").Directory.GetFactHistoryAsync(
            new GetFactHistoryRequest { Uscc = uscc, Purpose = "replica test", OfficerId = "officer-7" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, nothing.StatusCode);
    }

    private static FactDraft Licence(string uscc, int version) =>
        TestData.Draft(
            uscc, "amr.business_license", $"lic-{uscc}-{version}", ("name", Value.ForString($"name {version}")),
            ("industry", Value.ForString("C39")), ("registered_capital", Value.ForNumber(500)),
            ("established", Value.ForString("2020-05-18")), ("status", Value.ForString("存续")));

    private async Task<string> NameAsync(char replica, string uscc) =>
        (await ReadAsync(replica, "tax", uscc)).Facts.Single(f => f.FactType == "amr.business_license").Attributes.Fields["name"].StringValue;

    private async Task<Enterprise> ReadAsync(char replica, string department, string uscc) =>
        (await hub.Client(replica, department).Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = uscc, Purpose = "replica test", OfficerId = "officer-7" })).Enterprise;
}
