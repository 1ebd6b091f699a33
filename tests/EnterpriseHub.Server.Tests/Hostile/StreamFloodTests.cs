using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EnterpriseHub.Server.Tests.Edge;
using EnterpriseHub.Server.Tests.Faults;
using Xunit.Abstractions;

namespace EnterpriseHub.Server.Tests.Hostile;

/// <summary>
/// One connection opens 20,000 streams at once, ignoring the hub's SETTINGS_MAX_CONCURRENT_STREAMS:
/// the hub (in its own process) refuses the streams over its limit or drops the connection, and
/// answers ordinary callers on other connections during and after.
/// </summary>
[Collection(OwnProcessCollection.Name)]
public sealed class StreamFloodTests(AbuseHub hub, ITestOutputHelper output) : IClassFixture<AbuseHub>
{
    private const string GetEnterprise = "/enterprisehub.v1.EnterpriseDirectory/GetEnterprise";

    [Fact]
    public async Task AnyCall_20000StreamsOnOneConnectionIgnoringMaxConcurrentStreams_RefusedAndOthersAnswered()
    {
        const int streams = 20_000;
        await hub.ProbeAsync("before", output);
        await using var flood = await RawHttp2.ConnectAsync(hub.Hub.Address, RawHttp2.TlsOptions(hub.Hub.CertsFolder, "amr"));
        var headers = RawHttp2.GrpcHeaders(GetEnterprise);
        var resets = new ConcurrentDictionary<uint, int>();
        uint? goAway = null;
        var goAwayLastStream = 0;
        uint? maxConcurrent = null;
        var ending = "still open";
        var closedByHub = false;
        var sent = 0;
        var refusedCount = 0;
        var target = int.MaxValue;
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var reading = Task.Run(async () =>
        {
            try
            {
                while (await flood.ReadFrameAsync(patience.Token) is { } frame)
                {
                    switch (frame.Type)
                    {
                        case RawHttp2.Settings when (frame.Flags & 1) == 0:
                            if (frame.SettingsValues().TryGetValue(0x3, out var limit))
                            {
                                maxConcurrent = limit;
                            }

                            await flood.AckSettingsAsync();
                            break;
                        case RawHttp2.RstStream:
                            resets.AddOrUpdate(frame.ErrorCode, 1, (_, n) => n + 1);
                            if (Interlocked.Increment(ref refusedCount) >= Volatile.Read(ref target))
                            {
                                settled.TrySetResult();
                            }

                            break;
                        case RawHttp2.GoAway:
                            goAway = frame.ErrorCode;
                            goAwayLastStream = BinaryPrimitives.ReadInt32BigEndian(frame.Payload) & int.MaxValue;
                            ending = "GOAWAY";
                            return;
                    }
                }

                (ending, closedByHub) = ("closed by the hub", true);
            }
            catch (IOException e)
            {
                (ending, closedByHub) = ($"reset by the hub ({e.Message})", true);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                // We stopped waiting.
            }
        });

        var clock = Stopwatch.StartNew();
        var probing = hub.ProbeAsync("during (stream flood)", output, calls: 200);
        try
        {
            for (var i = 0; i < streams && !reading.IsCompleted; i++)
            {
                // HEADERS with END_HEADERS and no END_STREAM: each stream waits for a request body.
                await flood.WriteFrameAsync(RawHttp2.HeadersFrame, 0x4, (2 * i) + 1, headers);
                sent++;
                if (sent % 100 == 0)
                {
                    await flood.FlushAsync();
                }
            }

            await flood.FlushAsync();
        }
        catch (IOException)
        {
            // The hub closed the connection under us.
        }

        await probing;
        // Wait (within the patience) until the hub has refused all but the streams it may serve, or given up on the connection.
        Volatile.Write(ref target, sent - 1000);
        if (Volatile.Read(ref refusedCount) >= sent - 1000)
        {
            settled.TrySetResult();
        }

        await Task.WhenAny(settled.Task, reading, Task.Delay(Timeout.Infinite, patience.Token).ContinueWith(_ => { }, TaskScheduler.Default));

        var refused = resets.Values.Sum();
        output.WriteLine(
            $"{sent} streams opened in {clock.ElapsedMilliseconds} ms on one connection (the hub's SETTINGS_MAX_CONCURRENT_STREAMS: {maxConcurrent?.ToString(CultureInfo.InvariantCulture) ?? "none"}); " +
            $"RST_STREAM: {string.Join(", ", resets.Select(r => $"{RawHttp2.ErrorName(r.Key)} x{r.Value}"))}; " +
            $"GOAWAY: {(goAway is { } code ? $"{RawHttp2.ErrorName(code)}, last stream {goAwayLastStream}" : "none")}; connection: {ending}");
        await flood.DisposeAsync();
        await hub.ProbeAsync("after", output);
        // Kestrel refuses the streams over its limit and, when the refusals pile up, drops the whole connection.
        Assert.True(refused > 0 || goAway is not null || closedByHub, "the hub neither refused a stream nor closed the connection");
        hub.AssertStillServing();
    }
}
