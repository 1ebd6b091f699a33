using System.Text;
using EnterpriseHub.Server.Errors;
using EnterpriseHub.Server.Logging;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Hosting;

/// <summary>
/// The first thing every gRPC call meets, before grpc-dotnet reads its message: settles the call's
/// ids and puts them on the reply's headers (so refusals made before a handler runs carry them
/// too), refuses oversized metadata and unknown methods with our details, and guards the
/// request body's framing (<see cref="GrpcFrameGuard"/>).
/// </summary>
internal sealed class CallEdgeMiddleware(RequestDelegate next, EdgeRefusals refusals, IOptions<GrpcServiceOptions> grpc)
{
    private readonly long _maxMessageSize = grpc.Value.MaxReceiveMessageSize ?? int.MaxValue;
    private readonly string[] _encodings = [.. grpc.Value.CompressionProviders.Select(p => p.EncodingName)];

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true)
        {
            return next(http);
        }

        var ids = http.GetCallIds();
        http.Response.Headers[RequestId.Header] = ids.RequestId;
        if (ids.CorrelationId.Length > 0)
        {
            http.Response.Headers[RequestId.CorrelationHeader] = ids.CorrelationId;
        }

        var method = http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
        var refusal = MetadataProblem(http, method?.FullName ?? "(unknown method)")
            ?? (method is null
                ? refusals.Refuse(http, "(unknown method)", StatusCode.Unimplemented, "UNKNOWN_METHOD", "The hub has no such method.")
                : null);
        if (refusal is not null)
        {
            WriteTrailersOnly(http.Response, refusal);
            return Task.CompletedTask;
        }

        GrpcFrameGuard.Install(http, method!, _maxMessageSize, _encodings, refusals);
        return next(http);
    }

    /// <summary>The hub's own metadata limits, far below Kestrel's (which close the whole connection).</summary>
    private RpcException? MetadataProblem(HttpContext http, string method)
    {
        long size = 0;
        var entries = 0;
        foreach (var (name, values) in http.Request.Headers)
        {
            foreach (var value in values)
            {
                // As HTTP/2 counts a header list (RFC 9113 §6.5.2): name, value and 32 octets per field.
                size += name.Length + (value?.Length ?? 0) + 32;
                entries++;
            }
        }

        if (size > EdgeExtensions.MaxMetadataBytes || entries > EdgeExtensions.MaxMetadataEntries)
        {
            return refusals.Refuse(http, method, StatusCode.ResourceExhausted, "METADATA_TOO_LARGE", string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"The request metadata is {size} bytes in {entries} entries; the hub accepts at most {EdgeExtensions.MaxMetadataBytes} bytes in {EdgeExtensions.MaxMetadataEntries} entries."));
        }

        return null;
    }

    /// <summary>A reply of headers only, as gRPC answers a call it refuses before any message.</summary>
    private static void WriteTrailersOnly(HttpResponse response, RpcException refusal)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)refusal.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(refusal.Status.Detail);
        foreach (var entry in refusal.Trailers)
        {
            response.Headers.Append(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value);
        }
    }

    /// <summary>grpc-message is percent-encoded UTF-8 (gRPC over HTTP/2, "Responses").</summary>
    private static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
