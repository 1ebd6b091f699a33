using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using EnterpriseHub.Server.Errors;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace EnterpriseHub.Server.Hosting;

/// <summary>
/// Receives the methods a generated <c>BindService</c> declares and adds them to grpc-dotnet's
/// model with a guarded request marshaller; the handler is the service's override of the base
/// method, found as grpc-dotnet's ProviderServiceBinder finds it.
/// </summary>
internal sealed class GuardedServiceBinder<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TService>(
    ServiceMethodProviderContext<TService> context, Type serviceBase, EdgeRefusals refusals) : ServiceBinderBase
    where TService : class
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<UnaryServerMethod<TService, TRequest, TResponse>>(
            method.Name, [typeof(TRequest), typeof(ServerCallContext)]);
        context.AddUnaryMethod(Guard(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)]);
        context.AddServerStreamingMethod(Guard(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)]);
        context.AddClientStreamingMethod(Guard(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)]);
        context.AddDuplexStreamingMethod(Guard(method), metadata, invoker);
    }

    private Method<TRequest, TResponse> Guard<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var deserialize = method.RequestMarshaller.ContextualDeserializer;
        var marshaller = new Marshaller<TRequest>(
            method.RequestMarshaller.ContextualSerializer,
            payload =>
            {
                try
                {
                    return deserialize(payload);
                }
                // What a parser throws for bytes it cannot read: the protobuf parser's own
                // exception, and the UTF-8 decoder's for a string field that is not UTF-8.
                catch (Exception exception) when (exception is Google.Protobuf.InvalidProtocolBufferException or ArgumentException)
                {
                    throw refusals.Malformed(typeof(TRequest), exception);
                }
            });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }

    private (TDelegate Invoker, List<object> Metadata) Handler<TDelegate>(string methodName, Type[] parameters)
        where TDelegate : Delegate
    {
        var handler = FindOverride(methodName, parameters)
            ?? throw new InvalidOperationException($"Could not find '{methodName}' on {typeof(TService)}.");
        var metadata = new List<object>();
        // As grpc-dotnet: type metadata first so that method metadata takes precedence.
        metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
        metadata.AddRange(handler.GetCustomAttributes(inherit: true));
        metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
        return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
    }

    /// <summary>The public instance method overriding the base class's virtual one (a method merely hiding it does not count).</summary>
    private MethodInfo? FindOverride(string methodName, Type[] parameters)
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            var candidate = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance, binder: null, parameters, modifiers: null);
            if (candidate is null)
            {
                return null;
            }

            if (candidate.IsVirtual && candidate.GetBaseDefinition().DeclaringType == serviceBase)
            {
                return candidate;
            }
        }

        return null;
    }
}
