using System.Reflection;
using EnterpriseHub.V1;
using FieldType = Google.Protobuf.Reflection.FieldType;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>Calls any method of the hub with bytes of the test's choosing, as a careless or hostile client would.</summary>
internal static class RawCalls
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Every method of every service the hub publishes in its protos, plus health and server reflection.</summary>
    public static IReadOnlyList<MethodDescriptor> AllMethods() =>
        typeof(GetEnterpriseRequest).Assembly.GetTypes()
            .Where(t => t.Namespace == "EnterpriseHub.V1" && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => (FileDescriptor)t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .Append(Grpc.Health.V1.HealthReflection.Descriptor)
            .Append(Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor)
            .Append(Grpc.Reflection.V1.ReflectionReflection.Descriptor)
            .SelectMany(f => f.Services)
            .SelectMany(s => s.Methods)
            .ToList();

    /// <summary>Sends <paramref name="payload"/> as the method's one request message and returns how the call failed.</summary>
    public static async Task<RpcException> FailAsync(CallInvoker invoker, MethodDescriptor method, byte[] payload, Metadata? headers = null) =>
        await OutcomeAsync(invoker, method, payload, headers, untilFirstReply: false)
        ?? throw Xunit.Sdk.ThrowsException.ForNoException(typeof(RpcException));

    /// <summary>
    /// Sends <paramref name="payload"/> as the method's one request message and returns how the
    /// call failed, or null when it succeeded (for a streaming reply: with <paramref name="untilFirstReply"/>,
    /// as soon as it produced a message; otherwise once it ended without an error).
    /// </summary>
    public static async Task<RpcException?> OutcomeAsync(
        CallInvoker invoker, MethodDescriptor method, byte[] payload, Metadata? headers = null, bool untilFirstReply = true)
    {
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
        var raw = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(30));
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(raw, null, options, payload);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(raw, null, options, payload))
                    {
                        while (await call.ResponseStream.MoveNext() && !untilFirstReply)
                        {
                        }
                    }

                    break;
                case MethodType.ClientStreaming:
                    using (var call = invoker.AsyncClientStreamingCall(raw, null, options))
                    {
                        await WriteAsync(call.RequestStream, payload);
                        await call.ResponseAsync;
                    }

                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(raw, null, options))
                    {
                        await WriteAsync(call.RequestStream, payload);
                        while (await call.ResponseStream.MoveNext() && !untilFirstReply)
                        {
                        }
                    }

                    break;
            }

            return null;
        }
        catch (RpcException error)
        {
            return error;
        }
    }

    /// <summary>The refusal carries INVALID_ARGUMENT, an ErrorInfo of our domain with the reason and the request id, and the request id as metadata.</summary>
    public static ErrorInfo AssertRefused(RpcException error, StatusCode code, string reason, string because)
    {
        Assert.True(error.StatusCode == code, $"{because}: {error.StatusCode} {error.Status.Detail}");
        var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.True(info is not null, $"{because}: no ErrorInfo");
        Assert.Equal("enterprisehub.v1", info.Domain);
        Assert.True(info.Reason == reason, $"{because}: reason {info.Reason}");
        var requestId = error.Trailers.GetValue("x-request-id");
        Assert.False(string.IsNullOrEmpty(requestId), $"{because}: no x-request-id");
        Assert.Equal(requestId, info.Metadata["request_id"]);
        return info;
    }

    /// <summary>
    /// A message of the method's request type whose first string field (however deep) holds
    /// <paramref name="text"/>'s bytes; for a type without string fields, an unknown field of those bytes.
    /// </summary>
    public static byte[] WithString(MessageDescriptor message, byte[] text) =>
        WithStringField(message, text) ?? [.. Tag(1, 2), .. Varint((uint)text.Length), .. text];

    /// <summary>As <see cref="WithString"/>, or null when the type has no string field within three levels.</summary>
    public static byte[]? WithStringField(MessageDescriptor message, byte[] text) => StringPath(message, text, depth: 0);

    public static byte[] Tag(int field, int wireType) => Varint((uint)((field << 3) | wireType));

    public static byte[] Varint(uint value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    private static byte[]? StringPath(MessageDescriptor message, byte[] text, int depth)
    {
        foreach (var field in message.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.String)
            {
                return [.. Tag(field.FieldNumber, 2), .. Varint((uint)text.Length), .. text];
            }
        }

        if (depth >= 3)
        {
            return null;
        }

        foreach (var field in message.Fields.InFieldNumberOrder().Where(f => f.FieldType == FieldType.Message))
        {
            if (StringPath(field.MessageType, text, depth + 1) is { } inner)
            {
                return [.. Tag(field.FieldNumber, 2), .. Varint((uint)inner.Length), .. inner];
            }
        }

        return null;
    }

    private static async Task WriteAsync(IClientStreamWriter<byte[]> stream, byte[] payload)
    {
        try
        {
            await stream.WriteAsync(payload);
            await stream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The hub may refuse before the write or the half-close goes out; the status tells.
        }
        catch (InvalidOperationException)
        {
            // Writes after the call completed: likewise.
        }
    }
}
