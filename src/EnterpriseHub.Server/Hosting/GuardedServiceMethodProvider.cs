using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using EnterpriseHub.Server.Errors;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace EnterpriseHub.Server.Hosting;

/// <summary>
/// Binds every gRPC service (ours, health, reflection) as grpc-dotnet's own binder does — through
/// the <see cref="BindServiceMethodAttribute"/> of its generated base class — but with request
/// marshallers whose deserializer refuses a message that does not parse with INVALID_ARGUMENT and
/// our details. grpc-dotnet deserializes unary and server-streaming requests before any
/// interceptor runs, and answers a parser's exception with UNKNOWN and an error log with its
/// stack trace; an <see cref="RpcException"/> it passes on as the status, logged at a low level.
/// Streams read through the same marshaller, so a bad message in a stream is refused alike.
/// </summary>
internal sealed class GuardedServiceMethodProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TService>(
    EdgeRefusals refusals) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var bindMethod = FindBindMethod(typeof(TService));
        if (bindMethod is null)
        {
            return;
        }

        // The second parameter is the generated base class the handlers override.
        var binder = new GuardedServiceBinder<TService>(context, bindMethod.GetParameters()[1].ParameterType, refusals);
        try
        {
            bindMethod.Invoke(null, [binder, null]);
        }
        catch (TargetInvocationException exception)
        {
            throw new InvalidOperationException($"Error binding gRPC service '{typeof(TService).Name}'.", exception.InnerException);
        }
    }

    /// <summary>The generated <c>BindService(ServiceBinderBase, TServiceBase)</c> named by the base class's attribute.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Generated bind methods are public and static.")]
    private static MethodInfo? FindBindMethod(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } bind)
            {
                return bind.BindType.GetMethod(
                    bind.BindMethodName, BindingFlags.Public | BindingFlags.Static, binder: null, [typeof(ServiceBinderBase), type], modifiers: null);
            }
        }

        return null;
    }
}
