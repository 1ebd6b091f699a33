using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EnterpriseHub.Server.Tests.Quotas;

/// <summary>One HTTP/2 frame as it came off the wire.</summary>
internal sealed record Frame(byte Type, byte Flags, int StreamId, byte[] Payload)
{
    public const byte Headers = 1, RstStream = 3, Settings = 4, Ping = 6, GoAway = 7;

    public uint ErrorCode => BinaryPrimitives.ReadUInt32BigEndian(Type == GoAway ? Payload.AsSpan(4) : Payload);

    /// <summary>The parameters of a SETTINGS frame.</summary>
    public IReadOnlyDictionary<ushort, uint> SettingsValues() =>
        Enumerable.Range(0, Payload.Length / 6).ToDictionary(
            i => BinaryPrimitives.ReadUInt16BigEndian(Payload.AsSpan(i * 6)), i => BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan((i * 6) + 2)));
}

/// <summary>
/// HTTP/2 spoken by hand over mutual TLS, for what client libraries hide: the server's SETTINGS,
/// a stream beyond the connection's limit (HttpClient would queue it), pings left unanswered.
/// </summary>
internal sealed class RawHttp2 : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;

    private RawHttp2(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
    }

    /// <summary>Opens TLS as <paramref name="department"/> and sends the client preface with empty SETTINGS.</summary>
    public static async Task<RawHttp2> ConnectAsync(Uri address, string certsFolder, string department)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var tls = new SslStream(tcp.GetStream());
        using var client = X509Certificate2.CreateFromPemFile(Path.Combine(certsFolder, $"{department}.crt"), Path.Combine(certsFolder, $"{department}.key"));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            ClientCertificateContext = SslStreamCertificateContext.Create(client, [], offline: true),
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        var connection = new RawHttp2(tcp, tls);
        await tls.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
        await connection.WriteFrameAsync(Frame.Settings, 0, 0, []);
        return connection;
    }

    public Task AckSettingsAsync() => WriteFrameAsync(Frame.Settings, 0x1, 0, []);

    public Task AckPingAsync(Frame ping) => WriteFrameAsync(Frame.Ping, 0x1, 0, ping.Payload);

    /// <summary>Opens stream <paramref name="streamId"/> with a gRPC POST to <paramref name="path"/>, its body still to come.</summary>
    /// <param name="endHeaders">False leaves the header block unfinished, as if CONTINUATION frames were to follow.</param>
    public Task OpenStreamAsync(int streamId, string path, bool endHeaders = true)
    {
        var block = new List<byte>();
        foreach (var (name, value) in new[]
                 {
                     (":method", "POST"), (":scheme", "https"), (":path", path), (":authority", "localhost"),
                     ("content-type", "application/grpc"), ("te", "trailers"),
                 })
        {
            // HPACK: a literal field without indexing, new name, no Huffman coding (RFC 7541 6.2.2).
            block.Add(0);
            block.Add((byte)name.Length);
            block.AddRange(Encoding.ASCII.GetBytes(name));
            block.Add((byte)value.Length);
            block.AddRange(Encoding.ASCII.GetBytes(value));
        }

        return WriteFrameAsync(Frame.Headers, endHeaders ? (byte)0x4 : (byte)0, streamId, [.. block]);
    }

    /// <summary>The next frame, or null when the hub has closed the connection.</summary>
    public async Task<Frame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var header = new byte[9];
        if (!await ReadExactlyAsync(header, cancellationToken))
        {
            return null;
        }

        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        var payload = new byte[length];
        if (!await ReadExactlyAsync(payload, cancellationToken))
        {
            return null;
        }

        return new Frame(header[3], header[4], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & int.MaxValue, payload);
    }

    /// <summary>Reads until a frame matches, or null when the connection closes first.</summary>
    public async Task<Frame?> ReadUntilAsync(Func<Frame, bool> match, CancellationToken cancellationToken)
    {
        while (await ReadFrameAsync(cancellationToken) is { } frame)
        {
            if (match(frame))
            {
                return frame;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task WriteFrameAsync(byte type, byte flags, int streamId, byte[] payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId);
        payload.CopyTo(frame, 9);
        await _tls.WriteAsync(frame);
        await _tls.FlushAsync();
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await _tls.ReadExactlyAsync(buffer, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return false;
        }
    }
}
