extern alias server;

using EnterpriseHub.Client;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using HubApplication = server::EnterpriseHub.Server.Hosting.HubApplication;
using HubConfigurationException = server::EnterpriseHub.Server.Hosting.HubConfigurationException;

namespace EnterpriseHub.Server.Tests;

/// <summary>Tests that start and stop hubs of their own.</summary>
public sealed class HostLifecycleTests : IDisposable
{
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("hub-life-").FullName;

    [Fact]
    public async Task StopAsync_WithACallInFlight_FinishesTheCallBeforeStopping()
    {
        var certs = Path.Combine(_root, "certs");
        var (app, address) = await HubFixture.StartHubAsync(_root, certs, demo: false);
        await using var _ = app;
        using var client = HubClient.Create(HubClientOptions.FromFolder(address, certs, "tax"));
        var uscc = TestData.NewUscc();
        using var call = client.Exchange.PublishFactStream();
        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade(uscc, "life-1", "A") } });
        Assert.True(await call.ResponseStream.MoveNext());

        var stopping = app.StopAsync();
        await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Grade(uscc, "life-2", "B") } });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(2, call.ResponseStream.Current.TotalFacts);
        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        // What the in-flight call acknowledged survives a restart on the same store.
        var (restarted, newAddress) = await HubFixture.StartHubAsync(_root, certs, demo: false);
        await using var __ = restarted;
        using var again = HubClient.Create(HubClientOptions.FromFolder(newAddress, certs, "tax"));
        var history = await again.Directory.GetFactHistoryAsync(new GetFactHistoryRequest { Uscc = uscc, Purpose = "test", OfficerId = "officer-7" });
        Assert.Equal(["life-2", "life-1"], history.Facts.Select(f => f.SourceRecordId));
        await restarted.StopAsync();
    }

    [Fact]
    public async Task BuildAsync_SeveralConfigurationProblems_ReportsEveryOneAtOnce()
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubApplication.BuildAsync(
        [
            "--environment=Production",
            "--Hub:Tls:Listen=nowhere",
            $"--Hub:Tls:CertificatePath={Path.Combine(_root, "missing.crt")}",
            "--Hub:Storage:Provider=oracle",
            "--Hub:Zones:atlantis:0=12345",
            "--Hub:Publish:MaxBatchSize=0",
        ]));

        Assert.Contains(error.Problems, p => p.Contains("Hub:Tls:Listen", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Hub:Tls:CertificatePath", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Hub:Tls:KeyPath is required", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Hub:Tls:ClientCaPath is required", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Hub:Storage:Provider", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("atlantis", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Hub:Publish:MaxBatchSize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_PostgresWithoutConnectionStringAndBadCacheSettings_ReportsEveryOne()
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubApplication.BuildAsync(
        [
            "--environment=Production",
            "--Hub:Storage:Provider=postgres",
            "--Hub:Cache:Redis=127.0.0.1:6379,nosuchoption=1",
            "--Hub:Cache:TimeoutMilliseconds=0",
            "--Hub:Cache:RetrySeconds=0",
            "--Hub:Cache:EntryMinutes=0",
            "--Hub:Cache:MemoryMegabytes=0",
        ]));

        Assert.Contains(error.Problems, p => p.Contains("Hub:Storage:Postgres:ConnectionString is required", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Hub:Cache:Redis", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Hub:Cache:TimeoutMilliseconds", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Hub:Cache:RetrySeconds", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Hub:Cache:EntryMinutes", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Hub:Cache:MemoryMegabytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_BadAuditLogSettings_ReportsEveryOne()
    {
        var notAKey = Path.Combine(_root, "not-a-key");
        await File.WriteAllTextAsync(notAKey, "PRIVATE+KEY+nonsense\n");
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubApplication.BuildAsync(
        [
            "--environment=Production",
            "--Hub:Audit:CheckpointSeconds=0",
            "--Hub:Audit:WitnessTimeoutSeconds=0",
            $"--Hub:Audit:SigningKeyFile={notAKey}",
            "--Hub:Audit:Witnesses:0:Url=ftp://witness.example",
            "--Hub:Audit:Witnesses:0:VerifierKey=nonsense",
            "--Hub:Audit:CheckpointIntervalMinutes=10",
        ]));
        var missing = await Assert.ThrowsAsync<HubConfigurationException>(() => HubApplication.BuildAsync(["--environment=Production"]));

        Assert.Contains(error.Problems, p => p.StartsWith("Hub:Audit:CheckpointSeconds must be", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Hub:Audit:WitnessTimeoutSeconds must be", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith($"Hub:Audit:SigningKeyFile '{notAKey}' does not hold a signer key", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Hub:Audit:Witnesses:0:Url must be", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Hub:Audit:Witnesses:0:VerifierKey:", StringComparison.Ordinal));
        Assert.Contains("Hub:Audit:CheckpointIntervalMinutes has moved to Hub:Audit:CheckpointSeconds.", error.Problems);
        Assert.Contains(missing.Problems, p => p.StartsWith("Hub:Audit:SigningKeyFile is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_AfterARunTimeSchemaChange_KeepsTheNewerVersion()
    {
        var certs = Path.Combine(_root, "certs");
        var (app, address) = await HubFixture.StartHubAsync(_root, certs, demo: false);
        int changedVersion;
        await using (app)
        {
            using var customs = HubClient.Create(HubClientOptions.FromFolder(address, certs, "customs"));
            var current = (await customs.Catalog.ListFactTypesAsync(new ListFactTypesRequest())).FactTypes.Single(t => t.Name == "customs.credit_class");
            current.Fields.Add(new FieldSchema { Name = "assessed", Type = FieldType.Date, Description = "Date of the assessment" });
            changedVersion = (await customs.Catalog.ChangeFactTypeAsync(new ChangeFactTypeRequest { FactType = current })).FactType.Version;
            await app.StopAsync();
        }

        var (restarted, newAddress) = await HubFixture.StartHubAsync(_root, certs, demo: false);
        await using var _ = restarted;
        using var again = HubClient.Create(HubClientOptions.FromFolder(newAddress, certs, "customs"));
        var reloaded = (await again.Catalog.ListFactTypesAsync(new ListFactTypesRequest())).FactTypes.Single(t => t.Name == "customs.credit_class");
        Assert.Equal(changedVersion, reloaded.Version);
        Assert.Contains(reloaded.Fields, f => f.Name == "assessed");
        await restarted.StopAsync();
    }

    [Fact]
    public async Task BuildAsync_BrokenCatalogFile_StopsWithEveryProblemAndItsLine()
    {
        var catalog = Path.Combine(_root, "catalog.json");
        await File.WriteAllTextAsync(catalog, """
            {
              "admins": ["Admin"],
              "factTypes": [
                { "name": "amr.x", "sharing": "sometimes", "description": { "zh": "x", "en": "x" },
                  "fields": [ { "name": "a", "type": "text" } ] }
              ]
            }
            """);

        var error = await Assert.ThrowsAsync<RulesFileException>(() =>
            HubFixture.StartHubAsync(_root, Path.Combine(_root, "certs"), demo: false, $"--Hub:Catalog:Path={catalog}"));

        Assert.True(error.Problems.Count >= 3, string.Join(Environment.NewLine, error.Problems));
        Assert.Contains(error.Problems, p => p.Contains(":2:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains(":4:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains(":5:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_BrokenCreditRulesFile_StopsWithEveryProblemAndItsLine()
    {
        var rules = Path.Combine(_root, "credit-rules.json");
        await File.WriteAllTextAsync(rules, """
            {
              "version": 2,
              "thresholds": { "B": 40, "C": 20, "D": 80 },
              "floors": { "severe": "D" },
              "rules": [
                { "name": "x", "factType": "court.no_such_type", "severity": "severe", "weight": 100, "reason": "r" },
                { "name": "y", "factType": "tax.credit_grade", "when": "tax.credit_grade.grade > \"Z\"", "severity": "dire", "weight": 1, "reason": "r" }
              ]
            }
            """);

        var error = await Assert.ThrowsAsync<RulesFileException>(() =>
            HubFixture.StartHubAsync(_root, Path.Combine(_root, "certs"), demo: false, $"--Hub:Credit:RulesPath={rules}"));

        Assert.True(error.Problems.Count >= 4, string.Join(Environment.NewLine, error.Problems));
        Assert.Contains(error.Problems, p => p.Contains(":6:", StringComparison.Ordinal) && p.Contains("court.no_such_type", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains(":7:", StringComparison.Ordinal) && p.Contains("dire", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_ProjectionsSwitchedOff_RunsNeitherTheCreditProjectionNorTheMatcher()
    {
        var (app, _) = await HubFixture.StartHubAsync(
            _root, Path.Combine(_root, "certs"), demo: false, "--Hub:Credit:Evaluate=false", "--Hub:Proactive:Match=false");
        await using var _ = app;

        var hosted = app.Services.GetServices<IHostedService>().Select(service => service.GetType().Name).ToList();

        Assert.Contains("ProjectionLag", hosted);
        Assert.DoesNotContain("CreditProjectionService", hosted);
        Assert.DoesNotContain("NoticeMatcherService", hosted);
        Assert.False(app.Services.GetRequiredService<EnterpriseHub.Core.Credit.CreditProjection>().IsLeading);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_root, recursive: true);
    }
}
