using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EnterpriseHub.Client;

/// <summary>Gives every call an <c>x-request-id</c>, and every unary call the default deadline.</summary>
internal sealed class HubCallInterceptor(Func<string> requestIdFactory, TimeSpan? defaultDeadline, TimeProvider time) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Prepare(context, withDeadline: true));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Prepare(context, withDeadline: true));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Prepare(context, withDeadline: false));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(context, withDeadline: false));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(context, withDeadline: false));

    internal ClientInterceptorContext<TRequest, TResponse> Prepare<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, bool withDeadline)
        where TRequest : class
        where TResponse : class
    {
        var options = context.Options;
        if (options.Headers?.GetValue(HubMetadata.RequestIdHeader) is null)
        {
            // A copy: the caller's Metadata may be shared between calls.
            var headers = new Metadata();
            foreach (var entry in options.Headers ?? [])
            {
                headers.Add(entry);
            }

            headers.Add(HubMetadata.RequestIdHeader, requestIdFactory());
            options = options.WithHeaders(headers);
        }

        if (withDeadline && options.Deadline is null && defaultDeadline is { } deadline)
        {
            options = options.WithDeadline(time.GetUtcNow().UtcDateTime + deadline);
        }

        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options);
    }
}
