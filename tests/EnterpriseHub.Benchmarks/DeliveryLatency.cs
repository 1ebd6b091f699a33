using System.Collections.Concurrent;
using System.Diagnostics;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Benchmarks;

/// <summary>
/// Publish-to-delivery latency: one publisher sends single-fact batches one after another while
/// N watchers stream them; latency runs from just before the publish call to the watcher's receipt.
/// </summary>
internal static class DeliveryLatency
{
    public sealed record Result(int Subscribers, int Facts, double MedianMs, double P99Ms);

    public static async Task<Result> RunAsync(
        IReadOnlyList<HubClient> publishers, IReadOnlyList<HubClient> watchers, int subscribers, TimeSpan duration, Func<string> nextUscc)
    {
        var sent = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        var start = (await publishers[0].Exchange.PublishFactsAsync(Request(nextUscc(), $"lat-start-{Guid.NewGuid():N}"))).Results[0].Sequence;
        using var stop = new CancellationTokenSource();
        var calls = Enumerable.Range(0, subscribers).Select(i => watchers[i % watchers.Count].Exchange.WatchFacts(new WatchFactsRequest
        {
            AfterSequence = start, FactTypes = { "tax.arrears" }, Purpose = "benchmark", OfficerId = "bench-officer",
        }, cancellationToken: stop.Token)).ToList();
        await Task.WhenAll(calls.Select(c => c.ResponseHeadersAsync));

        var published = 0;
        var target = int.MaxValue;
        var received = new int[subscribers];
        var done = Enumerable.Range(0, subscribers).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var readers = calls.Select((call, i) => Task.Run(async () =>
        {
            try
            {
                while (await call.ResponseStream.MoveNext(stop.Token))
                {
                    var fact = call.ResponseStream.Current.Fact;
                    if (fact is not null && sent.TryGetValue(fact.SourceRecordId, out var at))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                        if (Interlocked.Increment(ref received[i]) >= Volatile.Read(ref target))
                        {
                            done[i].TrySetResult();
                        }
                    }
                }
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var id = $"lat-{Guid.NewGuid():N}";
            sent[id] = Stopwatch.GetTimestamp();
            await publishers[published % publishers.Count].Exchange.PublishFactsAsync(Request(nextUscc(), id));
            published++;
        }

        Volatile.Write(ref target, published);
        for (var i = 0; i < subscribers; i++)
        {
            if (Volatile.Read(ref received[i]) >= published)
            {
                done[i].TrySetResult();
            }
        }

        await Task.WhenAll(done.Select(d => d.Task)).WaitAsync(TimeSpan.FromSeconds(30));

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        calls.ForEach(c => c.Dispose());
        var sorted = latencies.Order().ToArray();
        return new Result(subscribers, published, sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
    }

    private static PublishFactsRequest Request(string uscc, string recordId) => new()
    {
        Facts =
        {
            new FactDraft
            {
                Uscc = uscc, FactType = "tax.arrears", SourceRecordId = recordId,
                EffectiveTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)),
                Attributes = new Struct { Fields = { ["amount"] = Value.ForNumber(1250.5), ["currency"] = Value.ForString("CNY") } },
            },
        },
    };
}
