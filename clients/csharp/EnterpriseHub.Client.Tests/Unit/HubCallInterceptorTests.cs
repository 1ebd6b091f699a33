using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EnterpriseHub.Client.Tests.Unit;

public sealed class HubCallInterceptorTests
{
    private static readonly Marshaller<string> Text = Marshallers.Create(System.Text.Encoding.UTF8.GetBytes, System.Text.Encoding.UTF8.GetString);
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly HubCallInterceptor _interceptor = new(() => "generated", TimeSpan.FromSeconds(30), new FixedTime());

    [Fact]
    public void Prepare_UnaryWithoutIdOrDeadline_AddsGeneratedIdAndDefaultDeadline()
    {
        var context = _interceptor.Prepare(Context(MethodType.Unary, new CallOptions()), withDeadline: true);

        Assert.Equal("generated", context.Options.Headers!.GetValue("x-request-id"));
        Assert.Equal(Now.AddSeconds(30), context.Options.Deadline);
    }

    [Fact]
    public void Prepare_CallersIdAndDeadline_KeepsBoth()
    {
        var own = new CallOptions(headers: HubMetadata.WithRequestId("mine"), deadline: Now.AddSeconds(2));

        var context = _interceptor.Prepare(Context(MethodType.Unary, own), withDeadline: true);

        Assert.Equal("mine", context.Options.Headers!.GetValue("x-request-id"));
        Assert.Equal(Now.AddSeconds(2), context.Options.Deadline);
    }

    [Fact]
    public void Prepare_StreamWithCallersHeaders_AddsIdToACopyAndNoDeadline()
    {
        var shared = new Metadata { { "x-other", "1" } };

        var context = _interceptor.Prepare(Context(MethodType.ServerStreaming, new CallOptions(headers: shared)), withDeadline: false);

        Assert.Null(context.Options.Deadline);
        Assert.Equal("1", context.Options.Headers!.GetValue("x-other"));
        Assert.Equal("generated", context.Options.Headers.GetValue("x-request-id"));
        Assert.Null(shared.GetValue("x-request-id"));
    }

    private static ClientInterceptorContext<string, string> Context(MethodType type, CallOptions options) =>
        new(new Method<string, string>(type, "enterprisehub.v1.Test", "Call", Text, Text), null, options);

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
