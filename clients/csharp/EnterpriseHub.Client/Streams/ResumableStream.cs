using System.Runtime.CompilerServices;
using Grpc.Core;

namespace EnterpriseHub.Client;

/// <summary>
/// One logical stream over many calls: each call starts after the last position seen (an event's
/// sequence or a heartbeat's position), events at or below it are dropped, so the caller sees each
/// event once and in order across reconnects.
/// </summary>
internal static class ResumableStream
{
    public static async IAsyncEnumerable<TEvent> ReadAsync<TResponse, TEvent>(
        Func<long, CancellationToken, IAsyncEnumerable<TResponse>> open,
        Func<TResponse, (long Position, TEvent? Event)> read,
        long afterPosition,
        ResumeOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TEvent : class
    {
        var position = afterPosition;
        var failures = 0;
        while (true)
        {
            HubError? error = null;
            await using (var events = open(position, cancellationToken).GetAsyncEnumerator(cancellationToken))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (RpcException exception) when (!cancellationToken.IsCancellationRequested
                        && HubError.From(exception) is { IsTransient: true } transient)
                    {
                        error = transient;
                        break;
                    }

                    if (!more)
                    {
                        break;
                    }

                    var (eventPosition, item) = read(events.Current);
                    if (eventPosition <= position)
                    {
                        continue;
                    }

                    position = eventPosition;
                    failures = 0;
                    options.OnPosition?.Invoke(position);
                    if (item is not null)
                    {
                        yield return item;
                    }
                }
            }

            // A watch has no end: a stream that ends, cleanly or not, is reopened where it stopped.
            failures++;
            if (options.MaxConsecutiveFailures > 0 && failures > options.MaxConsecutiveFailures)
            {
                throw new RpcException(
                    new Status(error?.Code ?? StatusCode.Unavailable, $"The stream failed {failures - 1} times in a row; last: {error?.ToString() ?? "it ended"}"));
            }

            options.OnReconnect?.Invoke(position, error);
            await Task.Delay(options.Backoff(failures), options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The responses of one server-streaming call, disposing the call when done.</summary>
    public static async IAsyncEnumerable<TResponse> Responses<TResponse>(
        AsyncServerStreamingCall<TResponse> call, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using (call)
        {
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                yield return call.ResponseStream.Current;
            }
        }
    }
}
