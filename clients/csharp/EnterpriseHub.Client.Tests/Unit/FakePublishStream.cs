using System.Threading.Channels;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Client.Tests.Unit;

/// <summary>
/// The hub's side of PublishFactStream in memory: stores facts by record id across streams, acks
/// each chunk, and can break a stream at a given write (storing the chunk before it, ack lost).
/// </summary>
internal sealed class FakePublishHub
{
    private readonly HashSet<string> _stored = [];

    public List<List<string>> StreamsWritten { get; } = [];

    /// <summary>For each stream opened, the write (1-based) at which it breaks; none when absent.</summary>
    public List<int?> BreakAt { get; } = [];

    /// <summary>
    /// For each stream opened, the write (1-based) that fails in the writer alone: the reader is not
    /// told and would wait for acknowledgements for ever, as when a connection breaks under a write.
    /// </summary>
    public List<int?> WriteFailsAt { get; } = [];

    public AsyncDuplexStreamingCall<PublishFactStreamRequest, PublishFactStreamResponse> Open(CancellationToken cancellationToken)
    {
        var opened = StreamsWritten.Count;
        var written = new List<string>();
        StreamsWritten.Add(written);
        var stream = new Stream(this, written, opened < BreakAt.Count ? BreakAt[opened] : null, opened < WriteFailsAt.Count ? WriteFailsAt[opened] : null);
        return new AsyncDuplexStreamingCall<PublishFactStreamRequest, PublishFactStreamResponse>(
            stream, stream, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    private sealed class Stream(FakePublishHub hub, List<string> written, int? breakAt, int? writeFailsAt)
        : IClientStreamWriter<PublishFactStreamRequest>, IAsyncStreamReader<PublishFactStreamResponse>
    {
        private readonly Channel<PublishFactStreamResponse> _acks = Channel.CreateUnbounded<PublishFactStreamResponse>();
        private long _chunks;

        public WriteOptions? WriteOptions { get; set; }

        public PublishFactStreamResponse Current { get; private set; } = null!;

        public Task WriteAsync(PublishFactStreamRequest message, CancellationToken cancellationToken) => WriteAsync(message);

        public Task WriteAsync(PublishFactStreamRequest message)
        {
            var number = ++_chunks;
            if (writeFailsAt == number)
            {
                throw new InvalidOperationException("Can't write the message because the request stream is broken.");
            }

            written.Add(message.Facts[0].SourceRecordId);
            if (breakAt == number)
            {
                var broken = new RpcException(new Status(StatusCode.Unavailable, "connection reset"));
                _acks.Writer.Complete(broken);
                throw broken;
            }

            var stored = message.Facts.Count(fact => hub._stored.Add(fact.SourceRecordId));
            if (breakAt == number + 1)
            {
                return Task.CompletedTask; // stored, but the stream breaks before its ack is sent
            }

            _acks.Writer.TryWrite(new PublishFactStreamResponse
            {
                Chunk = number, Stored = stored, Duplicates = message.Facts.Count - stored, LastSequence = hub._stored.Count,
            });
            return Task.CompletedTask;
        }

        public Task CompleteAsync()
        {
            _acks.Writer.TryComplete();
            return Task.CompletedTask;
        }

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            try
            {
                Current = await _acks.Reader.ReadAsync(cancellationToken);
                return true;
            }
            catch (ChannelClosedException closed) when (closed.InnerException is RpcException broken)
            {
                throw broken;
            }
            catch (ChannelClosedException)
            {
                return false;
            }
        }
    }
}
