using EnterpriseHub.Client;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;

namespace EnterpriseHub.Server.Tests.Access;

/// <summary>One method as the hub's server reflection describes it, with the fields of its request.</summary>
public sealed record ServedMethod(string Service, string Name, bool ClientStreaming, bool ServerStreaming, DescriptorProto Input)
{
    public string Path => $"{Service}/{Name}";

    public FieldDescriptorProto? Field(string name) => Input.Field.FirstOrDefault(f => f.Name == name);

    public override string ToString() => Path;
}

/// <summary>
/// Lists every method the hub serves through its own server reflection, and calls any of them
/// with a request written field by field, so that a method added to the hub is called too
/// without this code knowing it.
/// </summary>
public static class ServedMethods
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static async Task<IReadOnlyList<ServedMethod>> ListAsync(HubClient client)
    {
        var reflection = new ServerReflection.ServerReflectionClient(client.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext());
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        var files = new Dictionary<string, FileDescriptorProto>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = service });
            Assert.True(await call.ResponseStream.MoveNext());
            foreach (var bytes in call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto)
            {
                var file = FileDescriptorProto.Parser.ParseFrom(bytes);
                files[file.Name] = file;
            }
        }

        await call.RequestStream.CompleteAsync();
        var messages = files.Values
            .SelectMany(f => f.MessageType.Select(m => (Name: $".{f.Package}.{m.Name}", Message: m)))
            .ToDictionary(m => m.Name, m => m.Message, StringComparer.Ordinal);
        return files.Values
            .SelectMany(f => f.Service.Select(s => (File: f, Service: s)))
            .Where(s => services.Contains($"{s.File.Package}.{s.Service.Name}"))
            .SelectMany(s => s.Service.Method.Select(m => new ServedMethod(
                $"{s.File.Package}.{s.Service.Name}", m.Name, m.ClientStreaming, m.ServerStreaming, messages[m.InputType])))
            .OrderBy(m => m.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A request with the given string fields set (a repeated field gets the value once); fields the request lacks are skipped.</summary>
    public static byte[] Request(ServedMethod method, params (string Field, string Value)[] values)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        foreach (var (name, value) in values)
        {
            if (method.Field(name) is { Type: FieldDescriptorProto.Types.Type.String } field)
            {
                output.WriteTag(field.Number, WireFormat.WireType.LengthDelimited);
                output.WriteString(value);
            }
        }

        output.Flush();
        return buffer.ToArray();
    }

    /// <summary>
    /// Calls the method once with <paramref name="request"/> and returns the status it ends with,
    /// or OK once a streaming reply has produced a message. Streams that stay open until the
    /// deadline end with DEADLINE_EXCEEDED, which is still an admitted call.
    /// </summary>
    public static async Task<RpcException?> CallAsync(HubClient client, ServedMethod method, byte[] request)
    {
        var type = (method.ClientStreaming, method.ServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var descriptor = new Method<byte[], byte[]>(type, method.Service, method.Name, Bytes, Bytes);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5));
        var invoker = client.Channel.CreateCallInvoker();
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(descriptor, null, options, request);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(descriptor, null, options, request))
                    {
                        await call.ResponseStream.MoveNext();
                    }

                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(descriptor, null, options))
                    {
                        try
                        {
                            await call.RequestStream.WriteAsync(request);
                            await call.RequestStream.CompleteAsync();
                        }
                        catch (RpcException)
                        {
                            // The hub ended the call before it read the request (a refusal at the
                            // stream's opening); the hub's status comes with the response.
                        }

                        await call.ResponseStream.MoveNext();
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
}
