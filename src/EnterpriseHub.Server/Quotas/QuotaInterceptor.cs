using System.Threading.RateLimiting;
using EnterpriseHub.Server.Security;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EnterpriseHub.Server.Quotas;

/// <summary>
/// Takes each call's quota before anything else looks at it: after the call interceptor (which
/// logs the refusal's request line and keeps its status) and before the access interceptor. The
/// quota comes first because an unadmitted call is not free: its refusal is audited, a durable
/// write. A flood of calls the caller may not make is thus stopped by that caller's own buckets,
/// cheaply, and touches no one else's. The identity is already known here: TLS admitted it.
/// A unary call or the opening of a server stream takes one token of its method's kind; a
/// client or duplex stream takes one per request message (a PublishFactStream chunk is a batch:
/// earlier chunks stay stored and acknowledged, the loader resumes with the refused one after
/// the RetryInfo delay), the first of them when the stream opens, before admission, so that
/// opening streams one may not open is throttled like any other unadmitted call. Every stream
/// also holds one of its caller's stream slots until it ends, however it ends: completed,
/// cancelled, failed, or cut off by a stopping hub. (A unary request has been read and parsed
/// by the time interceptors run; its size is bounded by the 16 MiB message limit.)
/// </summary>
internal sealed class QuotaInterceptor(CallerQuotas quotas, QuotaRefusals refusals) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Take(context, context.GetCaller(), KindOf(context));
        return continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = context.GetCaller();
        var kind = KindOf(context);
        Take(context, caller, kind);
        using var slot = Open(context, caller, kind);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = context.GetCaller();
        var kind = KindOf(context);
        Take(context, caller, kind);
        using var slot = Open(context, caller, kind);
        return await continuation(new MeteredReader<TRequest>(requestStream, this, context, caller, kind), context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = context.GetCaller();
        var kind = KindOf(context);
        Take(context, caller, kind);
        using var slot = Open(context, caller, kind);
        await continuation(new MeteredReader<TRequest>(requestStream, this, context, caller, kind), responseStream, context);
    }

    /// <summary>Every method the hub maps is in the table: the hub checks it against the access table at start.</summary>
    private static QuotaKind KindOf(ServerCallContext context) => QuotaTable.Methods[context.Method];

    private void Take(ServerCallContext context, string caller, QuotaKind kind)
    {
        if (!quotas.TryTake(caller, kind, out var retryAfter))
        {
            throw refusals.OverRate(context, caller, kind, quotas.RateFor(caller, kind), retryAfter);
        }
    }

    private RateLimitLease Open(ServerCallContext context, string caller, QuotaKind kind) =>
        quotas.TryOpenStream(caller) ?? throw refusals.OverStreams(context, caller, kind, quotas.StreamsFor(caller));

    /// <summary>A request stream whose every message after the first (paid for at the opening) takes a token before the next interceptor sees it.</summary>
    private sealed class MeteredReader<T>(
        IAsyncStreamReader<T> inner, QuotaInterceptor quota, ServerCallContext context, string caller, QuotaKind kind) : IAsyncStreamReader<T>
    {
        private bool _prepaid = true;

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }

            if (_prepaid)
            {
                _prepaid = false;
            }
            else
            {
                quota.Take(context, caller, kind);
            }

            return true;
        }
    }
}
