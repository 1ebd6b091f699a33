extern alias server;

using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Access;

/// <summary>The refusals the access table makes per request message, and what they leave behind.</summary>
[Collection(HubCollection.Name)]
public sealed class AccessRefusalTests(HubFixture hub)
{
    private const string Nansha = "91440115MA5HUB013L";

    [Fact]
    public async Task PublishFactStream_ChunkOfAForeignType_RefusedAfterTheChunksBeforeIt()
    {
        var uscc = TestData.NewUscc();
        using var call = hub.Client("tax").Exchange.PublishFactStream();

        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade(uscc, $"own-{uscc}", "A") } });
        Assert.True(await call.ResponseStream.MoveNext());
        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Licence(uscc, $"foreign-{uscc}") } });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal((StatusCode.PermissionDenied, "FACT_TYPE_NOT_OWNED"), (error.StatusCode, error.Reason()));
        var stored = await hub.Client("tax").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = uscc, Purpose = "check", OfficerId = "tax-1" });
        Assert.Equal(["tax.credit_grade"], stored.Enterprise.Facts.Select(f => f.FactType));
    }

    [Fact]
    public async Task PublishFactStream_ChunkOfAForeignTypeSentAhead_RefusedAfterTheChunkBeforeItIsAcknowledged()
    {
        var uscc = TestData.NewUscc();
        using var call = hub.Client("tax").Exchange.PublishFactStream();

        // The foreign chunk is read and checked while the one before it is being appended.
        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade(uscc, $"own-{uscc}", "A") } });
        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Licence(uscc, $"foreign-{uscc}") } });
        Assert.True(await call.ResponseStream.MoveNext());
        var acknowledged = call.ResponseStream.Current;
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal((1L, 1), (acknowledged.Chunk, acknowledged.Stored));
        Assert.Equal((StatusCode.PermissionDenied, "FACT_TYPE_NOT_OWNED"), (error.StatusCode, error.Reason()));
        var stored = await hub.Client("tax").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = uscc, Purpose = "check", OfficerId = "tax-1" });
        Assert.Equal(["tax.credit_grade"], stored.Enterprise.Facts.Select(f => f.FactType));
    }

    [Fact]
    public async Task ChangeFactType_AnotherDepartmentsType_FactTypeNotOwned()
    {
        var types = await hub.Client("hrss").Catalog.ListFactTypesAsync(new ListFactTypesRequest());
        var licence = types.FactTypes.Single(t => t.Name == "amr.business_license");

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("hrss").Catalog.ChangeFactTypeAsync(
            new ChangeFactTypeRequest { FactType = licence }).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "FACT_TYPE_NOT_OWNED"), (error.StatusCode, error.Reason()));
    }

    [Fact]
    public async Task ChangeFactType_PortalDefiningATypeOfItsOwn_RefusedAndNothingDefined()
    {
        var proposed = new FactType
        {
            Name = "portal.rumour", Sharing = V1.SharingClass.Unconditional, DescriptionZh = "传闻", DescriptionEn = "Rumour",
            Fields = { new V1.FieldSchema { Name = "text", Type = V1.FieldType.String } },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("portal").Catalog.ChangeFactTypeAsync(
            new ChangeFactTypeRequest { FactType = proposed }).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "CALLER_NOT_ADMITTED"), (error.StatusCode, error.Reason()));
        var types = await hub.Client("amr").Catalog.ListFactTypesAsync(new ListFactTypesRequest());
        Assert.DoesNotContain(types.FactTypes, t => t.Name.StartsWith("portal.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Portal_NamingAnotherEnterprise_TheRefusalIsInThatEnterprisesAccessLog()
    {
        var victim = TestData.NewUscc("440305");
        await hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Licence(victim, $"lic-{victim}") } });
        var requestId = $"probe-{victim}";

        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("portal").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = victim, ActingFor = Nansha, Purpose = "self-service", OfficerId = "user-9" },
            new Metadata { { "x-request-id", requestId } }).ResponseAsync);

        Assert.Equal("PORTAL_OTHER_ENTERPRISE", error.Reason());
        var log = await hub.Client("admin").Audit.ListAccessAsync(new ListAccessRequest { Uscc = victim });
        var refusal = Assert.Single(log.Records, r => r.Department == "portal");
        Assert.Equal("permission_denied", refusal.Outcome);
    }

    [Fact]
    public async Task BuildAsync_CallerListOutsideHubAccess_StopsNamingWhereItMoved()
    {
        var root = Directory.CreateTempSubdirectory("hub-moved-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<server::EnterpriseHub.Server.Hosting.HubConfigurationException>(() =>
                HubFixture.StartHubAsync(root, Path.Combine(root, "certs"), demo: false,
                    "--Hub:Credit:Readers:0=amr", "--Hub:Proactive:Channels:0=sms", "--Hub:Access:Admins:0=Ops"));

            Assert.Contains("Hub:Credit:Readers has moved to Hub:Access:SupervisionReaders.", error.Problems);
            Assert.Contains("Hub:Proactive:Channels has moved to Hub:Access:DeliveryChannels.", error.Problems);
            Assert.Contains(error.Problems, p => p.StartsWith("Hub:Access:Admins entry 'Ops'", StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
