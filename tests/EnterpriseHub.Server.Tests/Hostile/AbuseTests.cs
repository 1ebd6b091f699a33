using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using EnterpriseHub.Client;
using EnterpriseHub.Server.Tests.Edge;
using EnterpriseHub.Server.Tests.Faults;
using EnterpriseHub.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace EnterpriseHub.Server.Tests.Hostile;

/// <summary>
/// Callers that hold the hub's resources without using them: thousands of idle connections, clients
/// that connect and send nothing, watches that never read (and, in <see cref="StreamFloodTests"/>,
/// one connection opening tens of thousands of streams). The hub (in its own process) stays up and answers an ordinary caller during and
/// after each; the latencies, the hub's memory and its open sockets are reported, never asserted.
/// </summary>
[Collection(OwnProcessCollection.Name)]
public sealed class AbuseTests(AbuseHub hub, ITestOutputHelper output) : IClassFixture<AbuseHub>
{
    [Fact]
    public async Task AnyCall_2000IdleHttp2Connections_AnsweredDuringAndAfter()
    {
        const int connections = 2000;
        await hub.ProbeAsync("before", output);
        var options = RawHttp2.TlsOptions(hub.Hub.CertsFolder, "amr");
        var open = new ConcurrentBag<RawHttp2>();
        var refused = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            try
            {
                open.Add(await RawHttp2.ConnectAsync(hub.Hub.Address, options));
            }
            catch (Exception e) when (e is IOException or SocketException or AuthenticationException)
            {
                Interlocked.Increment(ref refused);
            }
        });
        output.WriteLine($"{open.Count} idle HTTP/2 connections opened over mutual TLS in {clock.ElapsedMilliseconds} ms, {refused} refused");

        await hub.ProbeAsync($"during ({open.Count} idle connections)", output);
        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }

        await hub.ProbeAsync("after", output);
        Assert.Equal(connections, open.Count + refused);
        hub.AssertStillServing();
    }

    [Fact]
    public async Task AnyCall_SilentTcpAndSilentTlsClients_AnsweredDuringAndAfter()
    {
        const int each = 200;
        await hub.ProbeAsync("before", output);
        var options = RawHttp2.TlsOptions(hub.Hub.CertsFolder, "amr");
        var tcpOpened = Stopwatch.StartNew();
        var tcp = await Task.WhenAll(Enumerable.Range(0, each).Select(_ => RawHttp2.TcpAsync(hub.Hub.Address)));
        var tls = new List<RawHttp2>();
        for (var i = 0; i < each; i++)
        {
            tls.Add(await RawHttp2.ConnectAsync(hub.Hub.Address, options, preface: false));
        }

        var tlsOpened = Stopwatch.StartNew();
        output.WriteLine($"{each} TCP connections that never start TLS, {each} TLS sessions that never send the HTTP/2 preface");
        await hub.ProbeAsync("during (silent clients)", output);

        // How long the hub lets each kind sit: watch every connection for 12 s at most.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(12));
        var tcpClosed = await Task.WhenAll(tcp.Select(c => ClosedAfterAsync(async t => await c.GetStream().ReadAsync(new byte[1], t) == 0, tcpOpened, patience.Token)));
        var tlsClosed = await Task.WhenAll(tls.Select(c => ClosedAfterAsync(async t => await c.ReadFrameAsync(t) is null, tlsOpened, patience.Token)));
        Report("TCP without TLS", tcpClosed);
        Report("TLS without preface", tlsClosed);
        foreach (var c in tcp)
        {
            c.Dispose();
        }

        foreach (var c in tls)
        {
            await c.DisposeAsync();
        }

        await hub.ProbeAsync("after", output);
        hub.AssertStillServing();
    }

    [Fact]
    public async Task WatchFacts_HundredWatchesThatNeverRead_MemoryBoundedPublishingAndOtherCallersGoOn()
    {
        const int facts = 20_000;
        const int watchCount = 100;
        await hub.ProbeAsync("before", output);
        var before = hub.Hub.RssMiB();
        // Ten watches on each of ten connections, of an unconditional type with a long text.
        var watchers = Enumerable.Range(0, 10).Select(_ => HubClient.Create(HubClientOptions.FromFolder(hub.Hub.Address, hub.Hub.CertsFolder, "hrss"))).ToList();
        var watches = Enumerable.Range(0, watchCount).Select(i => watchers[i % watchers.Count].Exchange.WatchFacts(new WatchFactsRequest
        {
            FactTypes = { "amr.administrative_penalty" }, Purpose = "never reads", OfficerId = "officer-8", HeartbeatSeconds = 1,
        })).ToList();
        await Task.WhenAll(watches.Select(w => w.ResponseHeadersAsync));

        var clock = Stopwatch.StartNew();
        var amr = hub.Hub.Client("amr");
        var probing = hub.ProbeAsync($"during (publishing, {watchCount} watches unread)", output, calls: 200);
        long bytes = 0;
        for (var batch = 0; batch < facts / 1000; batch++)
        {
            var request = new PublishFactsRequest { Facts = { Enumerable.Range(0, 1000).Select(i => Penalty(TestData.NewUscc(), $"unread-{batch}-{i}")) } };
            bytes += request.CalculateSize();
            await amr.Exchange.PublishFactsAsync(request);
        }

        await probing;
        var during = hub.Hub.RssMiB();
        var unbounded = bytes * watchCount / (1024.0 * 1024.0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{facts} facts ({bytes / 1024 / 1024} MiB) published in {clock.ElapsedMilliseconds} ms while {watchCount} watches read nothing; " +
            $"hub RSS {before:0} -> {during:0} MiB (holding every event for every watch would take {unbounded:0} MiB more)"));

        // The watches are alive and deliver once read, from where they stood.
        foreach (var watch in watches)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var fact = 0;
            while (fact == 0 && await watch.ResponseStream.MoveNext(timeout.Token))
            {
                fact = watch.ResponseStream.Current.Fact is null ? 0 : 1;
            }

            Assert.Equal(1, fact);
            watch.Dispose();
        }

        watchers.ForEach(w => w.Dispose());
        await hub.ProbeAsync("after", output);
        // HTTP/2 flow control holds every watch back: the hub's memory grows by far less than the events it would otherwise hold.
        Assert.True(during - before < unbounded / 4, $"hub RSS grew {during - before:0} MiB");
        hub.AssertStillServing();
    }

    /// <summary>An administrative penalty with a 500-character reason (about 1.5 KB of UTF-8).</summary>
    private static FactDraft Penalty(string uscc, string sourceRecordId) =>
        TestData.Draft(uscc, "amr.administrative_penalty", sourceRecordId,
            ("decision_number", Google.Protobuf.WellKnownTypes.Value.ForString("穗南市监罚〔2026〕1号")),
            ("decided", Google.Protobuf.WellKnownTypes.Value.ForString("2026-03-01")),
            ("reason", Google.Protobuf.WellKnownTypes.Value.ForString(new string('违', 500))));

    private static async Task<double?> ClosedAfterAsync(Func<CancellationToken, Task<bool>> read, Stopwatch since, CancellationToken patience)
    {
        try
        {
            await read(patience);
            return since.Elapsed.TotalSeconds;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return since.Elapsed.TotalSeconds;
        }
    }

    private void Report(string kind, double?[] closedAfter)
    {
        var closed = closedAfter.Where(s => s is not null).Select(s => s!.Value).Order().ToList();
        output.WriteLine(closed.Count == 0
            ? $"{kind}: none of {closedAfter.Length} closed by the hub within 12 s"
            : string.Create(CultureInfo.InvariantCulture, $"{kind}: {closed.Count} of {closedAfter.Length} closed by the hub, {closed[0]:0.0}-{closed[^1]:0.0} s after they connected"));
    }
}
