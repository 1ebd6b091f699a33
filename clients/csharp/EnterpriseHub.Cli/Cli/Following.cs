using Google.Protobuf;
using Grpc.Core;

namespace EnterpriseHub.Cli.Cli;

/// <summary>
/// The one shape of every command that follows a stream (watch, credit alerts, a followed
/// subscription): each event printed as it arrives, until Ctrl-C or <c>--limit</c>; then the
/// last position goes to standard error so the user can resume from it, and the exit code is 0.
/// </summary>
internal static class Following
{
    /// <param name="resume">How to carry on from a position, for people (e.g. <c>resume with --after 42</c>).</param>
    public static async Task<int> FollowAsync<T>(
        Output output, IAsyncEnumerable<T> events, Func<T, long> position, long after, int limit,
        IReadOnlyList<Column<T>> columns, Func<long, string> resume, CancellationToken cancellationToken)
        where T : IMessage
    {
        var last = after;
        var count = 0;
        try
        {
            await foreach (var item in events.WithCancellation(cancellationToken))
            {
                Listing.WriteLine(output, item, columns);
                last = Math.Max(last, position(item));
                if (++count == limit)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested
            && exception is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            // Ctrl-C is how a watch ends: not a failure.
        }

        Stopped(output, last, count, resume(last));
        return ExitCodes.Done;
    }

    /// <summary>Says on standard error where the stream stopped (JSON in json mode).</summary>
    public static void Stopped(Output output, long last, int count, string resume)
    {
        if (output.IsJson)
        {
            output.Stderr.WriteLine(Output.JsonLine(json =>
            {
                json.WriteString("stopped", "done");
                json.WriteNumber("lastPosition", last);
                json.WriteNumber("events", count);
            }));
        }
        else
        {
            output.Stderr.WriteLine($"stopped after {count} events at position {last}; {resume}");
        }
    }
}
