using System.Buffers.Binary;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>
/// An HTTP/2 connection written frame by frame over mutual TLS, for what client libraries hide or
/// would never do: the server's SETTINGS, streams beyond SETTINGS_MAX_CONCURRENT_STREAMS (HttpClient
/// queues them), pings left unanswered, a header block never finished, no preface at all. Headers
/// go out as HPACK literals without indexing or Huffman coding.
/// </summary>
internal sealed class RawHttp2 : IAsyncDisposable
{
    public const byte Data = 0x0, HeadersFrame = 0x1, RstStream = 0x3, Settings = 0x4, Ping = 0x6, GoAway = 0x7, WindowUpdate = 0x8;

    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private readonly TcpClient _tcp;
    private readonly SslStream _tls;
    private readonly BufferedStream _out;
    private readonly SemaphoreSlim _writing = new(1, 1);

    private RawHttp2(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
        _out = new BufferedStream(tls, 64 * 1024);
    }

    /// <summary>TLS options presenting the department's certificate, trusting only the hub's CA, offering h2.</summary>
    public static SslClientAuthenticationOptions TlsOptions(string certsFolder, string department)
    {
        var options = EdgeChannels.Handler(certsFolder, department).SslOptions;
        options.TargetHost = "localhost";
        options.ApplicationProtocols = [SslApplicationProtocol.Http2];
        return options;
    }

    /// <summary>A TCP connection to the hub that has done nothing yet.</summary>
    public static async Task<TcpClient> TcpAsync(Uri address)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        return tcp;
    }

    /// <summary>A TLS session with the hub; with <paramref name="preface"/>, also the HTTP/2 preface and an empty SETTINGS frame.</summary>
    public static async Task<RawHttp2> ConnectAsync(Uri address, SslClientAuthenticationOptions options, bool preface = true)
    {
        var tcp = await TcpAsync(address);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(options);
        var connection = new RawHttp2(tcp, tls);
        if (preface)
        {
            await connection._out.WriteAsync(Preface);
            await connection.WriteFrameAsync(Settings, 0, 0, ReadOnlyMemory<byte>.Empty);
            await connection.FlushAsync();
        }

        return connection;
    }

    /// <summary>Opens TLS as <paramref name="department"/> and sends the client preface with empty SETTINGS.</summary>
    public static Task<RawHttp2> ConnectAsync(Uri address, string certsFolder, string department) =>
        ConnectAsync(address, TlsOptions(certsFolder, department));

    public Task AckSettingsAsync() => SendAsync(Settings, 0x1, 0, ReadOnlyMemory<byte>.Empty);

    public Task AckPingAsync(Frame ping) => SendAsync(Ping, 0x1, 0, ping.Payload);

    /// <summary>Opens stream <paramref name="streamId"/> with a gRPC POST to <paramref name="path"/>, its body still to come.</summary>
    /// <param name="endHeaders">False leaves the header block unfinished, as if CONTINUATION frames were to follow.</param>
    public Task OpenStreamAsync(int streamId, string path, bool endHeaders = true) =>
        SendAsync(HeadersFrame, endHeaders ? (byte)0x4 : (byte)0, streamId, GrpcHeaders(path));

    /// <summary>Reads until a frame matches, or null when the connection closes (or is reset) first.</summary>
    public async Task<Frame?> ReadUntilAsync(Func<Frame, bool> match, CancellationToken cancellationToken)
    {
        try
        {
            while (await ReadFrameAsync(cancellationToken) is { } frame)
            {
                if (match(frame))
                {
                    return frame;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>Buffers one frame (flushed by <see cref="FlushAsync"/>).</summary>
    public async Task WriteFrameAsync(byte type, byte flags, int streamId, ReadOnlyMemory<byte> payload)
    {
        var header = new byte[9];
        header[0] = (byte)(payload.Length >> 16);
        header[1] = (byte)(payload.Length >> 8);
        header[2] = (byte)payload.Length;
        header[3] = type;
        header[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(5), streamId & int.MaxValue);
        await _writing.WaitAsync();
        try
        {
            await _out.WriteAsync(header);
            await _out.WriteAsync(payload);
        }
        finally
        {
            _writing.Release();
        }
    }

    public async Task FlushAsync()
    {
        await _writing.WaitAsync();
        try
        {
            await _out.FlushAsync();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>The next frame from the hub, or null when it closed the connection (an IOException when it reset it).</summary>
    public async Task<Frame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var header = new byte[9];
        if (!await FillAsync(header, cancellationToken))
        {
            return null;
        }

        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        var payload = new byte[length];
        if (!await FillAsync(payload, cancellationToken))
        {
            return null;
        }

        return new Frame(header[3], header[4], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & int.MaxValue, payload);
    }

    /// <summary>A request header block for a gRPC call to <paramref name="path"/>.</summary>
    public static byte[] GrpcHeaders(string path)
    {
        var block = new List<byte>();
        foreach (var (name, value) in new[]
                 {
                     (":method", "POST"), (":scheme", "https"), (":path", path), (":authority", "localhost"),
                     ("content-type", "application/grpc"), ("te", "trailers"),
                 })
        {
            block.Add(0x00);
            Literal(block, name);
            Literal(block, value);
        }

        return [.. block];
    }

    /// <summary>The name of an HTTP/2 error code (RFC 9113 §7).</summary>
    public static string ErrorName(uint code) => code switch
    {
        0 => "NO_ERROR",
        1 => "PROTOCOL_ERROR",
        2 => "INTERNAL_ERROR",
        3 => "FLOW_CONTROL_ERROR",
        7 => "REFUSED_STREAM",
        8 => "CANCEL",
        11 => "ENHANCE_YOUR_CALM",
        _ => code.ToString(CultureInfo.InvariantCulture),
    };

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
        _writing.Dispose();
    }

    private async Task SendAsync(byte type, byte flags, int streamId, ReadOnlyMemory<byte> payload)
    {
        await WriteFrameAsync(type, flags, streamId, payload);
        await FlushAsync();
    }

    private async Task<bool> FillAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _tls.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private static void Literal(List<byte> block, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        // A 7-bit prefixed length (RFC 7541 5.1); every string here is shorter than 127 bytes.
        block.Add((byte)bytes.Length);
        block.AddRange(bytes);
    }

    internal sealed record Frame(byte Type, byte Flags, int StreamId, byte[] Payload)
    {
        /// <summary>The error code of a RST_STREAM or GOAWAY frame.</summary>
        public uint ErrorCode => Type switch
        {
            RstStream => BinaryPrimitives.ReadUInt32BigEndian(Payload),
            GoAway => BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan(4)),
            _ => 0,
        };

        /// <summary>The parameters of a SETTINGS frame.</summary>
        public IReadOnlyDictionary<ushort, uint> SettingsValues() =>
            Enumerable.Range(0, Payload.Length / 6).ToDictionary(
                i => BinaryPrimitives.ReadUInt16BigEndian(Payload.AsSpan(i * 6)), i => BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan((i * 6) + 2)));
    }
}
