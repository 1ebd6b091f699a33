using EnterpriseHub.Client;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Transparency;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests;

public sealed class AuditTests(SharingFixture hub) : IClassFixture<SharingFixture>
{
    private const string Hengqin = "91440402MA5HUB03XU";


    [Fact]
    public async Task EveryAction_LeavesExactlyOneAuditRecordOfItsKind()
    {
        var store = hub.Services.GetRequiredService<IAuditStore>();
        var uscc = TestData.NewUscc();
        var steps = new List<(string Action, string Caller, Func<Task> Run)>();
        long grantId = 0;
        steps.Add((AuditActions.Publish, "tax", () => hub.Client("tax").Exchange.PublishFactsAsync(
            new PublishFactsRequest { Facts = { TestData.Grade(uscc, "audit-1", "A") } }).ResponseAsync));
        steps.Add((AuditActions.Read, "amr", () => hub.Client("amr").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = uscc, Purpose = "case 9", OfficerId = "officer-9" }).ResponseAsync));
        steps.Add((AuditActions.GrantRequest, "amr", async () => grantId = (await hub.Client("amr").Catalog.RequestGrantAsync(new RequestGrantRequest
        {
            FactType = "tax.credit_grade", Purpose = "licensing review", LegalBasis = "art. 12",
            WantedUntil = Timestamp.FromDateTimeOffset(hub.Clock.GetUtcNow().AddDays(10)),
        })).Grant.Id));
        steps.Add((AuditActions.GrantDecision, "tax", () => hub.Client("tax").Catalog.DecideGrantAsync(
            new DecideGrantRequest { GrantId = grantId, Approve = true }).ResponseAsync));
        steps.Add((AuditActions.GrantRevocation, "tax", () => hub.Client("tax").Catalog.RevokeGrantAsync(
            new RevokeGrantRequest { GrantId = grantId, Reason = "review done" }).ResponseAsync));
        steps.Add((AuditActions.SchemaChange, "hrss", async () =>
        {
            var current = (await hub.Client("hrss").Catalog.ListFactTypesAsync(new ListFactTypesRequest())).FactTypes.Single(t => t.Name == "hrss.insured_headcount");
            current.Fields.Add(new FieldSchema { Name = $"note_{current.Version}", Type = FieldType.String, Description = "A remark" });
            await hub.Client("hrss").Catalog.ChangeFactTypeAsync(new ChangeFactTypeRequest { FactType = current });
        }));

        foreach (var (action, caller, run) in steps)
        {
            var before = store.Head.Sequence;
            await run();
            var records = await store.ReadAuditAsync(before + 1, 10, CancellationToken.None);

            var record = Assert.Single(records);
            Assert.Equal(action, record.Entry.Action);
            Assert.Equal(caller, record.Entry.Caller);
        }
    }

    [Fact]
    public async Task ListAccess_PortalForItsEnterprise_ShowsWhoReadWhatAndWhy()
    {
        await hub.Client("customs").Directory.GetEnterpriseAsync(new GetEnterpriseRequest
        {
            Uscc = Hengqin, Purpose = "inspection (2026)-42", OfficerId = "customs-officer-3",
        });

        var log = await hub.Client("portal").Audit.ListAccessAsync(new ListAccessRequest { OfficerId = "staff-1", Uscc = Hengqin, ActingFor = Hengqin });

        var latest = log.Records[0];
        Assert.Equal("customs", latest.Department);
        Assert.Equal("customs-officer-3", latest.OfficerId);
        Assert.Equal("inspection (2026)-42", latest.Purpose);
        Assert.Contains("amr.business_license", latest.FactTypes);
        Assert.DoesNotContain("hrss.insured_headcount", latest.FactTypes);
        var admin = await hub.Client("admin").Audit.ListAccessAsync(new ListAccessRequest { Uscc = Hengqin });
        Assert.Equal(latest.Sequence, admin.Records[0].Sequence);
    }

    [Theory]
    [InlineData("tax", "")]
    [InlineData("portal", "91440115MA5HUB013L")]
    public async Task ListAccess_NotTheEnterpriseNorAnAdmin_PermissionDenied(string caller, string actingFor)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client(caller).Audit.ListAccessAsync(
            new ListAccessRequest { Uscc = Hengqin, ActingFor = actingFor }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task VerifyChain_UntouchedTrail_IsIntactUpToTheHead()
    {
        await hub.Client("tax").Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = Hengqin, Purpose = "p", OfficerId = "o" });

        var result = await hub.Client("court").Audit.VerifyChainAsync(new VerifyChainRequest());

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(result.HeadSequence, result.RecordsChecked);
        Assert.Equal(64, result.HeadHash.Length);
    }

    [Fact]
    public async Task VerifyChain_RangeBeyondTheHead_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("court").Audit.VerifyChainAsync(
            new VerifyChainRequest { FromSequence = 1, ToSequence = long.MaxValue }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}

/// <summary>Edits the store behind the hub's back, as an intruder with access to the database would.</summary>
public sealed class AuditTamperTests : IDisposable
{
    private readonly string root = System.IO.Directory.CreateTempSubdirectory("hub-tamper-").FullName;

    [Theory]
    [InlineData("UPDATE audit_records SET purpose = 'nothing to see' WHERE seq = 3", 3)]
    [InlineData("UPDATE audit_records SET caller = 'court' WHERE seq = 1", 1)]
    [InlineData("UPDATE audit_records SET usccs = fact_types WHERE seq = 4", 4)]
    [InlineData("UPDATE audit_records SET hash = previous_hash WHERE seq = 2", 2)]
    [InlineData("DELETE FROM audit_records WHERE seq = 2", 2)]
    [InlineData("DELETE FROM audit_records WHERE seq = 5", 5)]
    public async Task VerifyChain_RowChangedOrDeletedInTheFile_NamesThatRow(string tampering, long expected)
    {
        var certs = Path.Combine(root, "certs");
        var (app, address) = await HubFixture.StartHubAsync(root, certs, demo: false);
        await using var _ = app;
        using var tax = HubClient.Create(HubClientOptions.FromFolder(address, certs, "tax"));
        var uscc = TestData.NewUscc();
        for (var i = 0; i < 3; i++)
        {
            await tax.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Grade(uscc, $"tamper-{i}", "A") } });
        }

        for (var i = 0; i < 2; i++)
        {
            await tax.Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = uscc, Purpose = "case", OfficerId = "o-1" });
        }

        Assert.True((await tax.Audit.VerifyChainAsync(new VerifyChainRequest())).Intact);
        Assert.Equal(1, await TestStore.ExecuteBehindTheHubAsync(root, tampering));

        var result = await tax.Audit.VerifyChainAsync(new VerifyChainRequest());

        Assert.False(result.Intact);
        Assert.Equal(expected, result.FirstBadSequence);
        Assert.NotEmpty(result.Problem);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("UPDATE audit_records SET purpose = 'nothing to see' WHERE seq = 3")]
    [InlineData("UPDATE audit_records SET officer_id = 'someone-else' WHERE seq = 3")]
    [InlineData("UPDATE audit_records SET time_ticks = time_ticks + 1 WHERE seq = 3")]
    // Records 3 and 4 swapped.
    [InlineData("UPDATE audit_records SET seq = -3 WHERE seq = 3; UPDATE audit_records SET seq = 3 WHERE seq = 4; UPDATE audit_records SET seq = 4 WHERE seq = -3")]
    public async Task GetInclusionProof_RecordEditedOrReorderedInTheFileOfARunningHub_NoLongerVerifies(string tampering)
    {
        var certs = Path.Combine(root, "certs");
        var (app, address) = await HubFixture.StartHubAsync(root, certs, demo: false);
        await using var _ = app;
        using var tax = HubClient.Create(HubClientOptions.FromFolder(address, certs, "tax"));
        var uscc = TestData.NewUscc();
        for (var i = 0; i < 5; i++)
        {
            await tax.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Grade(uscc, $"proof-{i}", "A") } });
        }

        var before = await tax.Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = 3, TreeSize = 5 });
        Verify(before);
        Assert.True(await TestStore.ExecuteBehindTheHubAsync(root, tampering) >= 1);

        var after = await tax.Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Sequence = 3, TreeSize = 5 });

        Assert.Equal(before.RootHash, after.RootHash);
        Assert.NotEqual(before.Leaf, after.Leaf);
        Assert.Throws<MerkleProofException>(() => Verify(after));
        await app.StopAsync();
    }

    [Fact]
    public async Task GetInclusionProof_RecordDeletedFromTheFile_DataLossLoggedAsAnError()
    {
        var certs = Path.Combine(root, "certs");
        var sink = new CapturingSink();
        var (app, address) = await HubFixture.StartHubAsync(root, certs, new HubSetup { Log = sink });
        await using var _ = app;
        using var tax = HubClient.Create(HubClientOptions.FromFolder(address, certs, "tax"));
        for (var i = 0; i < 4; i++)
        {
            await tax.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Grade(TestData.NewUscc(), $"gone-{i}", "A") } });
        }

        Assert.Equal(1, await TestStore.ExecuteBehindTheHubAsync(root, "DELETE FROM audit_records WHERE seq = 2"));

        var error = await Assert.ThrowsAsync<RpcException>(() => tax.Audit.GetInclusionProofAsync(
            new GetInclusionProofRequest { Sequence = 2, TreeSize = 4 }).ResponseAsync);

        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.Equal("AUDIT_LOG_DAMAGED", error.Reason());
        Assert.Contains(sink.Events, e => e.Level == Serilog.Events.LogEventLevel.Error && e.MessageTemplate.Text.Contains("damaged", StringComparison.Ordinal));
        await app.StopAsync();
    }

    private static void Verify(GetInclusionProofResponse proof) =>
        MerkleVerifier.VerifyInclusion(
            proof.LeafIndex, proof.TreeSize, MerkleHash.Leaf(proof.Leaf.Span), [.. proof.Hashes.Select(h => h.ToByteArray())], proof.RootHash.Span);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(root, recursive: true);
    }
}
