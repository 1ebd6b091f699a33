using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EnterpriseHub.Server.Access;

/// <summary>
/// Enforces the access table before a handler runs: the caller's admission first, then each
/// request message (a stream's messages as they are read). Runs inside the call interceptor,
/// which maps its refusals to statuses and logs them.
/// </summary>
internal sealed class AccessInterceptor(AccessGate gate) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await gate.CheckAsync(await AdmitAsync(context), (IMessage)request);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await gate.CheckAsync(await AdmitAsync(context), (IMessage)request);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var admission = await AdmitAsync(context);
        return await continuation(new CheckedReader<TRequest>(requestStream, gate, admission), context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var admission = await AdmitAsync(context);
        await continuation(new CheckedReader<TRequest>(requestStream, gate, admission), responseStream, context);
    }

    private Task<Admission> AdmitAsync(ServerCallContext context) =>
        gate.AdmitAsync(context.Method, context.GetCaller(), context.GetRequestId());

    /// <summary>A request stream whose every message passes the gate before the handler sees it.</summary>
    private sealed class CheckedReader<T>(IAsyncStreamReader<T> inner, AccessGate gate, Admission admission) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }

            await gate.CheckAsync(admission, (IMessage)inner.Current!);
            return true;
        }
    }
}
