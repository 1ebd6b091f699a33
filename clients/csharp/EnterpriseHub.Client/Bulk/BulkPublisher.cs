using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Client;

/// <summary>One bulk load: a window of unacknowledged chunks that survives reopened streams.</summary>
internal sealed class BulkPublisher(
    Func<CancellationToken, AsyncDuplexStreamingCall<PublishFactStreamRequest, PublishFactStreamResponse>> openStream,
    BulkPublishOptions options,
    IProgress<BulkPublishProgress>? progress)
{
    /// <summary>How long the reader may take to report the call's status after a write failed.</summary>
    internal static readonly TimeSpan WriteFailureGrace = TimeSpan.FromSeconds(2);

    private readonly Queue<PublishFactStreamRequest> _unacknowledged = new();
    private readonly Lock _gate = new();
    private BulkPublishProgress _state = new(0, 0, 0, 0, 0, 0);

    public async Task<BulkPublishProgress> RunAsync(IEnumerable<FactDraft> facts, CancellationToken cancellationToken)
    {
        if (options.ChunkSize is < 1 or > 5000 || options.MaxChunksInFlight < 1)
        {
            throw new ArgumentException("ChunkSize must be 1 to 5,000 and MaxChunksInFlight at least 1.", nameof(options));
        }

        using var source = facts.Chunk(options.ChunkSize).GetEnumerator();
        var failures = 0;
        while (true)
        {
            var before = _state.Chunks;
            var error = await RunStreamAsync(source, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                return _state;
            }

            failures = _state.Chunks > before ? 1 : failures + 1;
            if (options.Resume.MaxConsecutiveFailures > 0 && failures > options.Resume.MaxConsecutiveFailures)
            {
                throw error;
            }

            _state = _state with { Reconnects = _state.Reconnects + 1 };
            options.Resume.OnReconnect?.Invoke(_state.LastSequence, HubError.From(error));
            await Task.Delay(options.Resume.Backoff(failures), options.Resume.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One stream: null when every chunk was acknowledged, the error when it broke.</summary>
    private async Task<RpcException?> RunStreamAsync(IEnumerator<FactDraft[]> source, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = openStream(stop.Token);
        using var window = new SemaphoreSlim(options.MaxChunksInFlight);
        var writer = WriteAsync(call.RequestStream, source, window, stop.Token);
        var reader = ReadAcknowledgementsAsync(call.ResponseStream, window, stop.Token);
        var writeFailed = false;
        try
        {
            if (await Task.WhenAny(writer, reader).ConfigureAwait(false) == writer && writer.IsFaulted)
            {
                var failure = writer.Exception.InnerException!;
                if (failure is not (RpcException or InvalidOperationException or IOException))
                {
                    // The caller's own enumeration failed: that is theirs to see, not a broken stream.
                    await writer.ConfigureAwait(false);
                }

                // A write failed. When the hub ended the call, the reader has its status at once;
                // otherwise the stream broke under the writer alone, and the reader would wait for
                // ever for acknowledgements of chunks the hub never received: reopen it.
                writeFailed = true;
                if (await Task.WhenAny(reader, Task.Delay(WriteFailureGrace, options.Resume.TimeProvider, cancellationToken)).ConfigureAwait(false) != reader)
                {
                    var broken = failure as RpcException
                        ?? new RpcException(new Status(StatusCode.Unavailable, $"Writing to the publish stream failed: {failure.Message}", failure));
                    if (!cancellationToken.IsCancellationRequested && HubError.From(broken).IsTransient)
                    {
                        return broken;
                    }

                    throw broken;
                }
            }

            await reader.ConfigureAwait(false);
            await writer.ConfigureAwait(false);
            return null;
        }
        catch (RpcException exception) when (!cancellationToken.IsCancellationRequested && HubError.From(exception).IsTransient)
        {
            return exception;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await writer.ConfigureAwait(false);
            }
            catch (Exception) when (writeFailed || writer.IsCanceled || reader.IsFaulted || reader.IsCanceled)
            {
                // The writer stops with the stream it wrote to; the reader has the error that counts.
            }
        }
    }

    private async Task WriteAsync(
        IClientStreamWriter<PublishFactStreamRequest> stream, IEnumerator<FactDraft[]> source, SemaphoreSlim window, CancellationToken ct)
    {
        PublishFactStreamRequest[] resend;
        lock (_gate)
        {
            resend = [.. _unacknowledged];
        }

        foreach (var chunk in resend)
        {
            await window.WaitAsync(ct).ConfigureAwait(false);
            await stream.WriteAsync(chunk, ct).ConfigureAwait(false);
        }

        while (true)
        {
            await window.WaitAsync(ct).ConfigureAwait(false);
            if (!source.MoveNext())
            {
                break;
            }

            var chunk = new PublishFactStreamRequest { Facts = { source.Current } };
            lock (_gate)
            {
                // Queued before it is written, so a stream that breaks mid-write resends it.
                _unacknowledged.Enqueue(chunk);
            }

            await stream.WriteAsync(chunk, ct).ConfigureAwait(false);
        }

        await stream.CompleteAsync().ConfigureAwait(false);
    }

    private async Task ReadAcknowledgementsAsync(
        IAsyncStreamReader<PublishFactStreamResponse> stream, SemaphoreSlim window, CancellationToken ct)
    {
        while (await stream.MoveNext(ct).ConfigureAwait(false))
        {
            var ack = stream.Current;
            BulkPublishProgress state;
            lock (_gate)
            {
                _unacknowledged.Dequeue();
                state = _state = _state with
                {
                    Chunks = _state.Chunks + 1,
                    Facts = _state.Facts + ack.Stored + ack.Duplicates,
                    Stored = _state.Stored + ack.Stored,
                    Duplicates = _state.Duplicates + ack.Duplicates,
                    LastSequence = Math.Max(_state.LastSequence, ack.LastSequence),
                };
            }

            window.Release();
            progress?.Report(state);
        }

        lock (_gate)
        {
            if (_unacknowledged.Count > 0)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "The publish stream ended before every chunk was acknowledged."));
            }
        }
    }
}
