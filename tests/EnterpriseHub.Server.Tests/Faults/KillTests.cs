using System.Collections.Concurrent;
using System.Diagnostics;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace EnterpriseHub.Server.Tests.Faults;

/// <summary>
/// The hub killed with SIGKILL at random points (seeded, the seed printed) and started again on
/// the same store: a bulk import retried from the start stores every fact exactly once with a
/// gap-free fact log and an intact audit chain, and every read that returned OK is in the audit log.
/// </summary>
[Collection(OwnProcessCollection.Name)]
public sealed class KillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20261201;
    private const int Rounds = 3;
    private const int FactsPerRound = 4000;
    private const int BatchSize = 500;

    private readonly string _root = Directory.CreateTempSubdirectory("hub-kill-").FullName;

    [Fact]
    public async Task BulkImport_HubKilledDuringImportThenRetriedFromTheStart_EveryFactOnceLogGapFreeChainIntact()
    {
        var random = new Random(Seed);
        output.WriteLine($"seed {Seed}");
        var hub = await HubProcess.StartAsync(_root);
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                var batches = Batches(round);
                var killAfter = random.Next(1, batches.Count - 1);
                // Two rounds kill with a batch on its way, one between batches.
                var inFlight = round < Rounds - 1;
                // Odd rounds import through PublishFactStream (a chunk per batch, each its own transaction).
                var streamed = round % 2 == 1;
                var hrss = hub.Client("hrss");
                Task pending;
                AsyncDuplexStreamingCall<PublishFactStreamRequest, PublishFactStreamResponse>? call = null;
                if (streamed)
                {
                    call = hrss.Exchange.PublishFactStream();
                    for (var b = 0; b < killAfter; b++)
                    {
                        await call.RequestStream.WriteAsync(Chunk(batches[b]));
                        Assert.True(await call.ResponseStream.MoveNext());
                    }

                    var open = call;
                    pending = inFlight ? SendAndAwaitAckAsync(open, Chunk(batches[killAfter])) : Task.CompletedTask;
                }
                else
                {
                    for (var b = 0; b < killAfter; b++)
                    {
                        await hrss.Exchange.PublishFactsAsync(batches[b]);
                    }

                    pending = inFlight ? hrss.Exchange.PublishFactsAsync(batches[killAfter]).ResponseAsync : Task.CompletedTask;
                }

                // Killed between two batches, or with the next batch on its way (the request sent, its transaction under way or not).
                await hub.KillAsync();
                var lost = await Record.ExceptionAsync(() => pending);
                call?.Dispose();
                await hub.DisposeAsync();
                hub = await HubProcess.StartAsync(_root);

                var clock = Stopwatch.StartNew();
                var (stored, duplicates) = await ImportAsync(hub.Client("hrss"), batches, streamed);

                output.WriteLine(
                    $"round {round} ({(streamed ? "PublishFactStream" : "PublishFacts")}): killed after {killAfter} of {batches.Count} batches{(inFlight ? $" with batch {killAfter} in flight ({(lost is null ? "it returned OK" : (lost as RpcException)?.StatusCode.ToString() ?? lost.GetType().Name)})" : "")}; " +
                    $"retry from the start: {duplicates} duplicates, {stored} stored, in {clock.ElapsedMilliseconds} ms");
                Assert.InRange(duplicates, killAfter * BatchSize, (killAfter + (inFlight ? 1 : 0)) * BatchSize);
                Assert.Equal(FactsPerRound, stored + duplicates);
            }

            var chain = await hub.Client("hrss").Audit.VerifyChainAsync(new VerifyChainRequest());
            var sample = Batches(Rounds - 1)[^1].Facts[^1];
            var history = await hub.Client("hrss").Directory.GetFactHistoryAsync(new GetFactHistoryRequest
            {
                Uscc = sample.Uscc, FactType = sample.FactType, Purpose = "kill test", OfficerId = "officer-1",
            });
            await hub.DisposeAsync();

            var total = Rounds * FactsPerRound;
            Assert.Equal(total, await Scalar("SELECT COUNT(*) FROM facts"));
            Assert.Equal(total, await Scalar("SELECT COUNT(DISTINCT source_record_id) FROM facts WHERE publisher = 'hrss'"));
            Assert.Equal(total, await Scalar("SELECT MAX(seq) - MIN(seq) + 1 FROM facts"));
            Assert.Equal(1, await Scalar("SELECT MIN(seq) FROM facts"));
            Assert.True(chain.Intact, $"chain broken at {chain.FirstBadSequence}: {chain.Problem}");
            Assert.Single(history.Facts);
            output.WriteLine($"store: {total} facts, sequences 1..{total} without a gap; audit chain intact, {chain.RecordsChecked} records");
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetEnterprise_HubKilledDuringAuditedReads_EveryReadThatReturnedOkIsInTheAuditLog()
    {
        var random = new Random(Seed + 1);
        output.WriteLine($"seed {Seed + 1}");
        var hub = await HubProcess.StartAsync(_root);
        var enterprises = Enumerable.Range(0, 8).Select(_ => TestData.NewUscc()).ToList();
        try
        {
            await hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest
            {
                Facts = { enterprises.Select((uscc, i) => TestData.Licence(uscc, $"kill-read-{i}")) },
            });
            for (var round = 0; round < 2; round++)
            {
                var killAt = random.Next(100, 800);
                var ok = new ConcurrentDictionary<string, string>();
                var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var readers = Enumerable.Range(0, 4).Select(c => hub.Client("tax")).ToList();
                var calls = Enumerable.Range(0, 32).Select(worker => Task.Run(async () =>
                {
                    for (var i = 0; ; i++)
                    {
                        var id = $"kill-{round}-{worker}-{i}";
                        var uscc = enterprises[(worker + i) % enterprises.Count];
                        try
                        {
                            await readers[worker % readers.Count].Directory.GetEnterpriseAsync(
                                new GetEnterpriseRequest { Uscc = uscc, Purpose = "kill test", OfficerId = "officer-3" },
                                new Metadata { { "x-request-id", id } }, deadline: DateTime.UtcNow.AddSeconds(30));
                        }
                        catch (RpcException)
                        {
                            return;
                        }

                        ok[id] = uscc;
                        if (ok.Count >= killAt)
                        {
                            enough.TrySetResult();
                        }
                    }
                })).ToList();

                await enough.Task.WaitAsync(TimeSpan.FromSeconds(120));
                await hub.KillAsync();
                await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));
                var returned = ok.ToDictionary();
                await hub.DisposeAsync();
                hub = await HubProcess.StartAsync(_root);

                var logged = new HashSet<string>(StringComparer.Ordinal);
                foreach (var uscc in enterprises)
                {
                    logged.UnionWith(await CorrelationIdsAsync(hub.Client("admin"), uscc));
                }

                var missing = returned.Keys.Where(id => !logged.Contains(id)).ToList();
                output.WriteLine($"round {round}: killed after {killAt} OK reads; {returned.Count} returned OK, {missing.Count} of them missing from the audit log");
                Assert.Empty(missing);
            }

            var chain = await hub.Client("admin").Audit.VerifyChainAsync(new VerifyChainRequest());
            Assert.True(chain.Intact, $"chain broken at {chain.FirstBadSequence}: {chain.Problem}");
            output.WriteLine($"audit chain intact, {chain.RecordsChecked} records");
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<IReadOnlyList<string>> CorrelationIdsAsync(HubClient admin, string uscc)
    {
        var ids = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await admin.Audit.ListAccessAsync(new ListAccessRequest { Uscc = uscc, PageSize = 500, PageToken = token });
            ids.AddRange(page.Records.Select(r => r.CorrelationId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return ids;
    }

    /// <summary>Publishes every batch, one call each or as the chunks of one stream; returns how many were stored and how many were duplicates.</summary>
    private static async Task<(int Stored, int Duplicates)> ImportAsync(HubClient hrss, List<PublishFactsRequest> batches, bool streamed)
    {
        var (stored, duplicates) = (0, 0);
        if (!streamed)
        {
            foreach (var batch in batches)
            {
                var reply = await hrss.Exchange.PublishFactsAsync(batch);
                stored += reply.Results.Count(r => !r.Duplicate);
                duplicates += reply.Results.Count(r => r.Duplicate);
            }

            return (stored, duplicates);
        }

        using var call = hrss.Exchange.PublishFactStream();
        foreach (var batch in batches)
        {
            await call.RequestStream.WriteAsync(Chunk(batch));
            Assert.True(await call.ResponseStream.MoveNext());
            stored += call.ResponseStream.Current.Stored;
            duplicates += call.ResponseStream.Current.Duplicates;
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        return (stored, duplicates);
    }

    private static async Task SendAndAwaitAckAsync(AsyncDuplexStreamingCall<PublishFactStreamRequest, PublishFactStreamResponse> call, PublishFactStreamRequest chunk)
    {
        await call.RequestStream.WriteAsync(chunk);
        await call.ResponseStream.MoveNext();
    }

    private static PublishFactStreamRequest Chunk(PublishFactsRequest batch) => new() { Facts = { batch.Facts } };

    /// <summary>The round's facts in batches, with stable source record ids, so a retry sends exactly the same.</summary>
    private static List<PublishFactsRequest> Batches(int round) =>
        Enumerable.Range(0, FactsPerRound)
            .Select(i => TestData.Headcount(StableUscc((round * FactsPerRound) + i), $"bulk-{round}-{i}", i % 300))
            .Chunk(BatchSize)
            .Select(chunk => new PublishFactsRequest { Facts = { chunk } })
            .ToList();

    private static string StableUscc(int number)
    {
        var organisation = $"K{number:D7}";
        var first17 = $"91440115{organisation}{EnterpriseHub.Core.Enterprises.Uscc.ComputeOrganizationCheckCharacter(organisation)}";
        return first17 + EnterpriseHub.Core.Enterprises.Uscc.ComputeCheckCharacter(first17);
    }

    private Task<long> Scalar(string sql) => TestStore.ScalarBehindTheHubAsync(_root, sql);
}

/// <summary>Tests that run hubs in processes of their own: one at a time, so their figures are not each other's load.</summary>
[CollectionDefinition(Name)]
public sealed class OwnProcessCollection
{
    public const string Name = "own-process";
}
