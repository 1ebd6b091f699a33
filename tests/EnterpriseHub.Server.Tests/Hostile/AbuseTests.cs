using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using EnterpriseHub.Client;
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
    public async Task WatchFacts_TenWatchesThatNeverRead_PublishingAndOtherCallersGoOn()
    {
        const int facts = 20_000;
        await hub.ProbeAsync("before", output);
        var before = hub.Hub.RssMiB();
        // The publisher watches its own (conditional) fact type, each watch on a connection of its own.
        var watchers = Enumerable.Range(0, 10).Select(_ => HubClient.Create(HubClientOptions.FromFolder(hub.Hub.Address, hub.Hub.CertsFolder, "hrss"))).ToList();
        var watches = watchers.Select(w => w.Exchange.WatchFacts(new WatchFactsRequest
        {
            FactTypes = { "hrss.insured_headcount" }, Purpose = "never reads", OfficerId = "officer-8", HeartbeatSeconds = 1,
        })).ToList();
        await Task.WhenAll(watches.Select(w => w.ResponseHeadersAsync));

        var clock = Stopwatch.StartNew();
        var hrss = hub.Hub.Client("hrss");
        var probing = hub.ProbeAsync("during (publishing, 10 watches unread)", output, calls: 200);
        for (var batch = 0; batch < facts / 1000; batch++)
        {
            await hrss.Exchange.PublishFactsAsync(new PublishFactsRequest
            {
                Facts = { Enumerable.Range(0, 1000).Select(i => TestData.Headcount(TestData.NewUscc(), $"unread-{batch}-{i}", i)) },
            });
        }

        await probing;
        var during = hub.Hub.RssMiB();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{facts} facts published in {clock.ElapsedMilliseconds} ms while 10 watches read nothing; hub RSS {before:0} -> {during:0} MiB"));

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
        hub.AssertStillServing();
    }

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
