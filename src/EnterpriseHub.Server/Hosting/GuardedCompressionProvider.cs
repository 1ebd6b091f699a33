using System.IO.Compression;
using EnterpriseHub.Server.Errors;
using Grpc.Core;
using Grpc.Net.Compression;

namespace EnterpriseHub.Server.Hosting;

/// <summary>
/// One of grpc-dotnet's compression providers, with a decompression that refuses what a caller
/// got wrong: bytes that are not in the named encoding (INVALID_ARGUMENT, where grpc-dotnet
/// answers UNKNOWN and logs an error) and a message that decompresses to more than the receive
/// limit (RESOURCE_EXHAUSTED, where grpc-dotnet would decompress it all into memory).
/// </summary>
internal sealed class GuardedCompressionProvider(ICompressionProvider inner, EdgeRefusals refusals, long maxMessageSize) : ICompressionProvider
{
    public string EncodingName => inner.EncodingName;

    private long MaxMessageSize => maxMessageSize;

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        inner.CreateCompressionStream(stream, compressionLevel);

    public Stream CreateDecompressionStream(Stream stream) => new GuardedStream(inner.CreateDecompressionStream(stream), this);

    private RpcException Invalid() => refusals.RefuseCurrent(
        StatusCode.InvalidArgument, EdgeRefusals.MalformedMessage, $"The message is not valid {EncodingName} data.");

    private RpcException TooLarge() => refusals.RefuseCurrent(StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE", string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"The message decompresses to more than the {maxMessageSize} bytes the hub accepts."));

    private sealed class GuardedStream(Stream inner, GuardedCompressionProvider provider) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read;
            try
            {
                read = inner.Read(buffer);
            }
            catch (InvalidDataException)
            {
                throw provider.Invalid();
            }

            _read += read;
            return _read > provider.MaxMessageSize ? throw provider.TooLarge() : read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
