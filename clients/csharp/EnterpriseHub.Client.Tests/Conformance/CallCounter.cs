using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EnterpriseHub.Client.Tests.Conformance;

/// <summary>Counts the unary calls of one method, to see how many pages a pager fetched.</summary>
internal sealed class CallCounter(string method) : Interceptor
{
    private int _count;

    public int Count => _count;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Method.FullName == method)
        {
            Interlocked.Increment(ref _count);
        }

        return continuation(request, context);
    }
}

/// <summary>Keeps every progress report, synchronously and in order (<see cref="Progress{T}"/> posts them later).</summary>
internal sealed class RecordingProgress : IProgress<BulkPublishProgress>
{
    private readonly Lock _gate = new();
    private readonly List<BulkPublishProgress> _reports = [];

    public IReadOnlyList<BulkPublishProgress> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(BulkPublishProgress value)
    {
        lock (_gate)
        {
            _reports.Add(value);
        }
    }
}
