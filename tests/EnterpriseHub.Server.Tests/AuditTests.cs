using EnterpriseHub.Client;
using EnterpriseHub.Core.Audit;
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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(root, recursive: true);
    }
}
