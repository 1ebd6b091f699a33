using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using EnterpriseHub.Server.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace EnterpriseHub.Server.Hosting;

/// <summary>
/// Reads the request body for grpc-dotnet and checks each message's 5-byte frame header as it
/// arrives: a compressed flag other than 0 or 1, a compressed message without a grpc-encoding or in
/// an encoding the hub does not support, a
/// length over the receive limit, a second message where one is expected, or a body that ends
/// inside a frame is refused with a precise status (INVALID_ARGUMENT; INTERNAL with reason
/// MALFORMED_MESSAGE for the compressed flag without grpc-encoding, as gRPC's compression spec requires). grpc-dotnet itself answers these with
/// INTERNAL or UNKNOWN (and an error log), which tells a caller nothing and invites a retry.
/// </summary>
internal sealed class GrpcFrameGuard : PipeReader, IRequestBodyPipeFeature
{
    private const int HeaderSize = 5;

    private readonly PipeReader _inner;
    private readonly HttpContext _http;
    private readonly string _method;
    private readonly bool _singleMessage;
    private readonly long _maxMessageSize;
    private readonly string[] _encodings;
    private readonly EdgeRefusals _refusals;
    private ReadOnlySequence<byte> _buffer;
    private long _bufferStart;
    private long _nextFrame;
    private int _frames;

    private GrpcFrameGuard(
        PipeReader inner, HttpContext http, string method, bool singleMessage, long maxMessageSize, string[] encodings, EdgeRefusals refusals)
    {
        _encodings = encodings;
        _inner = inner;
        _http = http;
        _method = method;
        _singleMessage = singleMessage;
        _maxMessageSize = maxMessageSize;
        _refusals = refusals;
    }

    public PipeReader Reader => this;

    /// <summary>Puts the guard in front of the request body of a call to <paramref name="method"/>.</summary>
    /// <param name="encodings">The grpc-encoding names the hub decompresses.</param>
    public static void Install(HttpContext http, IMethod method, long maxMessageSize, string[] encodings, EdgeRefusals refusals)
    {
        if (http.Features.Get<IRequestBodyPipeFeature>() is { } body)
        {
            var singleMessage = method.Type is MethodType.Unary or MethodType.ServerStreaming;
            http.Features.Set<IRequestBodyPipeFeature>(new GrpcFrameGuard(body.Reader, http, method.FullName, singleMessage, maxMessageSize, encodings, refusals));
        }
    }

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await _inner.ReadAsync(cancellationToken);
        Inspect(result);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!_inner.TryRead(out result))
        {
            return false;
        }

        Inspect(result);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _bufferStart += _buffer.Slice(_buffer.Start, consumed).Length;
        _inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => _inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => _inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => _inner.CompleteAsync(exception);

    private void Inspect(ReadResult result)
    {
        var buffer = _buffer = result.Buffer;
        Span<byte> header = stackalloc byte[HeaderSize];
        while (_nextFrame - _bufferStart + HeaderSize <= buffer.Length)
        {
            buffer.Slice(_nextFrame - _bufferStart, HeaderSize).CopyTo(header);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
            if (Problem(header[0], length) is { } refusal)
            {
                _inner.AdvanceTo(buffer.Start, buffer.End);
                throw refusal;
            }

            _frames++;
            _nextFrame += HeaderSize + length;
        }

        if (result.IsCompleted && (_nextFrame - _bufferStart != buffer.Length || (_singleMessage && _frames == 0)))
        {
            _inner.AdvanceTo(buffer.Start, buffer.End);
            throw Refuse(StatusCode.InvalidArgument, EdgeRefusals.MalformedMessage, _frames == 0 && buffer.Length == 0
                ? "The request carries no message."
                : "The request ends inside a message frame.");
        }
    }

    private RpcException? Problem(byte flag, uint length)
    {
        if (_singleMessage && _frames > 0)
        {
            return Refuse(StatusCode.InvalidArgument, EdgeRefusals.MalformedMessage, "The request carries more than one message; this method takes one.");
        }

        if (flag > 1)
        {
            return Refuse(StatusCode.InvalidArgument, EdgeRefusals.MalformedMessage, "The message frame's compressed flag must be 0 or 1.");
        }

        var encoding = _http.Request.Headers["grpc-encoding"].ToString();
        if (flag == 1 && (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            // The one refusal that is INTERNAL: gRPC's compression spec requires that status for a
            // compressed flag without grpc-encoding. Our ErrorInfo's reason still tells the caller why.
            return Refuse(StatusCode.Internal, EdgeRefusals.MalformedMessage,
                "The message is marked compressed but the request names no grpc-encoding.");
        }

        if (flag == 1 && !_encodings.Contains(encoding, StringComparer.OrdinalIgnoreCase))
        {
            // As gRPC's compression spec asks: UNIMPLEMENTED, naming the encodings the hub accepts
            // (grpc-dotnet's own refusal would carry no ErrorInfo).
            var accepted = string.Join(",", ["identity", .. _encodings]);
            if (!_http.Response.HasStarted)
            {
                _http.Response.Headers["grpc-accept-encoding"] = accepted;
            }

            return Refuse(StatusCode.Unimplemented, "UNSUPPORTED_ENCODING",
                $"The message is compressed with an encoding the hub does not support; it accepts {accepted}.");
        }

        if (length > _maxMessageSize)
        {
            return Refuse(StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The message is {length} bytes; the hub accepts at most {_maxMessageSize}."));
        }

        return null;
    }

    private RpcException Refuse(StatusCode code, string reason, string message) => _refusals.Refuse(_http, _method, code, reason, message);
}
