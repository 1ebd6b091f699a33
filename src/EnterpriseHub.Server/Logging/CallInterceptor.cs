using System.Collections.Concurrent;
using System.Diagnostics;
using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Lookup;
using EnterpriseHub.Core.Operations;
using EnterpriseHub.Server.Errors;
using EnterpriseHub.Server.Operations;
using EnterpriseHub.Server.Security;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EnterpriseHub.Server.Logging;

/// <summary>
/// Wraps every call: puts the caller, request id, correlation id and the officer the request names
/// on every log line of the call (and the correlation id in <see cref="AuditCorrelation"/>), maps
/// domain outcomes to statuses in one place, hides unexpected errors behind INTERNAL with the request id, and
/// writes one request log line with method, caller, status and duration, and records the call in
/// <c>hub.calls</c> (method, code, caller kind and identity: the caller directory bounds them).
/// </summary>
internal sealed class CallInterceptor(ILogger<CallInterceptor> logger, HubMetrics metrics, CallerDirectory callers) : Interceptor
{
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor?> OfficerFields = new();

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, () => continuation(request, context), officer: OfficerOf(request));

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var reader = new RequestStream<TRequest>(requestStream);
        return RunAsync(context, () => continuation(reader, context), reader);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, async () =>
        {
            await continuation(request, responseStream, context);
            return true;
        }, officer: OfficerOf(request));

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var reader = new RequestStream<TRequest>(requestStream);
        return RunAsync(context, async () =>
        {
            await continuation(reader, responseStream, context);
            return true;
        }, reader);
    }

    /// <param name="requests">A streaming call's request stream, which tells whether the caller reset it.</param>
    /// <param name="officer">The request's <c>officer_id</c>, when it has a well-formed one.</param>
    private async Task<T> RunAsync<T>(
        ServerCallContext context, Func<Task<T>> call, IRequestReset? requests = null, string? officer = null)
    {
        var started = Stopwatch.GetTimestamp();
        var caller = context.GetCaller();
        var ids = context.GetCallIds();
        using var scope = logger.BeginScope(Scope(caller, ids, officer));
        using var correlation = AuditCorrelation.Begin(ids.CorrelationId);
        var code = StatusCode.OK;
        try
        {
            return await call();
        }
        catch (HubException exception)
        {
            if (exception is HubDataLossException)
            {
                CallLog.DataLoss(logger, exception.Reason, exception.Message, context.Method, caller);
            }

            var rpc = HubStatus.ToRpcException(exception, ids);
            code = rpc.StatusCode;
            throw rpc;
        }
        catch (RpcException exception)
        {
            code = exception.StatusCode;
            var rpc = HubStatus.WithDetails(exception, ids);
            if (ReferenceEquals(rpc, exception))
            {
                throw;
            }

            throw rpc;
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested || requests?.WasReset == true)
        {
            // The caller left. Kestrel reports a request stream the client reset as an
            // IOException from reading it, at times before it cancels the call's token.
            code = StatusCode.Cancelled;
            throw new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled"));
        }
        catch (Exception exception)
        {
            code = StatusCode.Internal;
            CallLog.Failed(logger, exception, context.Method, caller);
            throw HubStatus.Internal(ids);
        }
        finally
        {
            // The edge put the ids on the reply's headers; a reply whose headers have gone
            // (a stream) repeats them in its trailers, where clients read a failed call's metadata.
            if (context.GetHttpContext().Response.HasStarted)
            {
                context.ResponseTrailers.Add(RequestId.Header, ids.RequestId);
                if (ids.CorrelationId.Length > 0)
                {
                    context.ResponseTrailers.Add(RequestId.CorrelationHeader, ids.CorrelationId);
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            CallLog.Completed(logger, context.Method, caller, code, elapsed.TotalMilliseconds);
            Record(context.Method, caller, code, elapsed);
        }
    }

    private void Record(string method, string caller, StatusCode code, TimeSpan elapsed)
    {
        if (!metrics.Calls.Enabled)
        {
            return;
        }

        var kinds = callers.KindsOf(caller);
        var tags = new TagList
        {
            { "method", method },
            { "code", CallTags.Code(code) },
            { "caller_kind", CallTags.Kind(kinds) },
            { "caller", kinds == CallerKinds.None ? "unknown" : caller },
        };
        metrics.Calls.Record(elapsed.TotalSeconds, tags);
    }

    private static List<KeyValuePair<string, object>> Scope(string caller, CallIds ids, string? officer)
    {
        var scope = new List<KeyValuePair<string, object>>(4) { new("Caller", caller), new("RequestId", ids.RequestId) };
        if (ids.CorrelationId.Length > 0)
        {
            scope.Add(new("CorrelationId", ids.CorrelationId));
        }

        if (officer is not null)
        {
            scope.Add(new("Officer", officer));
        }

        return scope;
    }

    /// <summary>
    /// The officer or person a request names, for the log lines of its call: only one line of at
    /// most the length the handlers accept, so a hostile value never forges or floods a log line.
    /// </summary>
    private static string? OfficerOf(object request) =>
        request is IMessage message
        && OfficerFields.GetOrAdd(message.Descriptor, d => d.FindFieldByName("officer_id")) is { } field
        && field.Accessor.GetValue(message) is string { Length: > 0 and <= ReadContext.MaxOfficerIdLength } officer
        && !officer.Any(char.IsControl)
            ? officer
            : null;

    private interface IRequestReset
    {
        bool WasReset { get; }
    }

    /// <summary>A request stream that remembers an IOException from reading it: the client reset the stream.</summary>
    private sealed class RequestStream<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>, IRequestReset
    {
        public bool WasReset { get; private set; }

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            try
            {
                return await inner.MoveNext(cancellationToken);
            }
            catch (IOException)
            {
                WasReset = true;
                throw;
            }
        }
    }
}
