using System.Diagnostics;
using System.Net.Sockets;
using EnterpriseHub.Server.Tests.Edge;
using EnterpriseHub.V1;

namespace EnterpriseHub.Server.Tests.Quotas;

/// <summary>A hub whose handshake and headers timeouts and streams per connection are set low, so each can be seen to act within a test; no pings.</summary>
public sealed class EdgeLimitFixture() : HubFixture(new HubSetup
{
    Arguments =
    [
        "--Hub:Limits:HandshakeTimeoutSeconds=1",
        "--Hub:Limits:RequestHeadersTimeoutSeconds=1",
        $"--Hub:Limits:MaxStreamsPerConnection={MaxStreamsPerConnection}",
        "--Hub:Limits:KeepAlivePingDelaySeconds=0",
    ],
})
{
    public const int MaxStreamsPerConnection = 3;
}

/// <summary>A hub that pings after a second without a frame, waits a second for the answer, and closes connections idle for a second.</summary>
public sealed class KeepAliveFixture() : HubFixture(new HubSetup
{
    Arguments =
    [
        "--Hub:Limits:KeepAlivePingDelaySeconds=1",
        "--Hub:Limits:KeepAlivePingTimeoutSeconds=1",
        "--Hub:Limits:IdleTimeoutSeconds=1",
    ],
});

/// <summary>Kestrel's connection limits as <c>Hub:Limits</c> sets them, seen on the wire.</summary>
public sealed class EdgeLimitTests(EdgeLimitFixture hub) : IClassFixture<EdgeLimitFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Connect_SendingNothing_ClosedAfterTheHandshakeTimeout()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(hub.Address.Host, hub.Address.Port);
        var connected = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(Patience);

        var read = await tcp.GetStream().ReadAsync(new byte[16], timeout.Token);

        Assert.Equal(0, read);
        Assert.InRange(connected.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(10));
        // A client that does its handshake is served as ever.
        Assert.NotNull(await hub.Client("tax").Catalog.ListFactTypesAsync(new ListFactTypesRequest()));
    }

    [Fact]
    public async Task OpenStreams_OneBeyondMaxStreamsPerConnection_RefusedWithRefusedStream()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var connection = await RawHttp2.ConnectAsync(hub.Address, hub.CertsFolder, "tax");
        var settings = await connection.ReadUntilAsync(f => f is { Type: RawHttp2.Settings, Flags: 0 }, timeout.Token);
        Assert.NotNull(settings);
        await connection.AckSettingsAsync();

        var last = 1 + (2 * EdgeLimitFixture.MaxStreamsPerConnection);
        for (var stream = 1; stream <= last; stream += 2)
        {
            await connection.OpenStreamAsync(stream, "/enterprisehub.v1.Catalog/ListFactTypes");
        }

        var reset = await connection.ReadUntilAsync(f => f.Type is RawHttp2.RstStream or RawHttp2.GoAway, timeout.Token);

        // SETTINGS_MAX_CONCURRENT_STREAMS (0x3) as configured; the stream over it gets RST_STREAM REFUSED_STREAM (0x7).
        Assert.Equal((uint)EdgeLimitFixture.MaxStreamsPerConnection, settings.SettingsValues()[0x3]);
        Assert.NotNull(reset);
        Assert.Equal((RawHttp2.RstStream, last, 0x7u), (reset.Type, reset.StreamId, reset.ErrorCode));
    }

    [Fact]
    public async Task Headers_BegunButNeverFinished_ConnectionClosedAfterTheRequestHeadersTimeout()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var connection = await RawHttp2.ConnectAsync(hub.Address, hub.CertsFolder, "tax");
        await connection.ReadUntilAsync(f => f is { Type: RawHttp2.Settings, Flags: 0 }, timeout.Token);
        await connection.AckSettingsAsync();
        var begun = Stopwatch.StartNew();

        await connection.OpenStreamAsync(1, "/enterprisehub.v1.Catalog/ListFactTypes", endHeaders: false);
        var end = await connection.ReadUntilAsync(f => f.Type == RawHttp2.GoAway, timeout.Token);

        Assert.InRange(begun.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(10));
        Assert.True(end is null || end.Type == RawHttp2.GoAway);
    }
}

/// <summary>Kestrel's keep-alive pings and idle timeout as <c>Hub:Limits</c> sets them, seen on the wire.</summary>
public sealed class KeepAliveTests(KeepAliveFixture hub) : IClassFixture<KeepAliveFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Connection_WithoutCalls_GoAwayAfterTheIdleTimeout()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var connection = await RawHttp2.ConnectAsync(hub.Address, hub.CertsFolder, "tax");
        var opened = Stopwatch.StartNew();
        await connection.ReadUntilAsync(f => f is { Type: RawHttp2.Settings, Flags: 0 }, timeout.Token);
        await connection.AckSettingsAsync();

        var goAway = await connection.ReadUntilAsync(f => f.Type == RawHttp2.GoAway, timeout.Token);

        Assert.NotNull(goAway);
        Assert.Equal(0u, goAway.ErrorCode);
        Assert.InRange(opened.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Connection_PingsLeftUnanswered_ClosedAfterPingDelayAndTimeout()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var connection = await RawHttp2.ConnectAsync(hub.Address, hub.CertsFolder, "tax");
        var opened = Stopwatch.StartNew();
        await connection.ReadUntilAsync(f => f is { Type: RawHttp2.Settings, Flags: 0 }, timeout.Token);
        await connection.AckSettingsAsync();
        // A publish stream in flight whose first chunk never comes, so the connection is not idle
        // (and, a client stream, it has no minimum request body rate): only the pings can end it.
        await connection.OpenStreamAsync(1, "/enterprisehub.v1.FactExchange/PublishFactStream");

        var ping = await connection.ReadUntilAsync(f => f.Type == RawHttp2.Ping && (f.Flags & 0x1) == 0, timeout.Token);
        var pinged = opened.Elapsed;
        var end = await connection.ReadUntilAsync(f => f.Type == RawHttp2.GoAway, timeout.Token);
        var closed = opened.Elapsed;

        Assert.NotNull(ping);
        Assert.InRange(pinged, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(10));
        Assert.True(closed - pinged >= TimeSpan.FromSeconds(0.8), $"pinged at {pinged}, closed at {closed}");
        // GOAWAY (or the socket closing outright): the connection is over either way.
        Assert.True(end is null || end.Type == RawHttp2.GoAway);
    }

    [Fact]
    public async Task Connection_PingsAnswered_StaysOpenWellPastWhereAnUnansweredOneCloses()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var connection = await RawHttp2.ConnectAsync(hub.Address, hub.CertsFolder, "tax");
        await connection.ReadUntilAsync(f => f is { Type: RawHttp2.Settings, Flags: 0 }, timeout.Token);
        await connection.AckSettingsAsync();
        await connection.OpenStreamAsync(1, "/enterprisehub.v1.FactExchange/PublishFactStream");

        // The control for the test above: the same connection, its pings answered, for 8 s.
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var pings = 0;
        var closed = false;
        try
        {
            while (await connection.ReadFrameAsync(watching.Token) is { } frame && frame.Type != RawHttp2.GoAway)
            {
                if (frame.Type == RawHttp2.Ping && (frame.Flags & 0x1) == 0)
                {
                    pings++;
                    await connection.AckPingAsync(frame);
                }
            }

            closed = true;
        }
        catch (OperationCanceledException) when (watching.IsCancellationRequested)
        {
        }

        Assert.False(closed);
        Assert.True(pings >= 2, $"{pings} pings");
    }
}
