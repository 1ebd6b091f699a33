using System.Net;
using System.Net.Http.Headers;
using Google.Rpc;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>gRPC over plain HTTP/2 requests, for bodies no gRPC client library would frame (bad flags, huge lengths).</summary>
internal sealed class RawHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _address;

    public RawHttp(Uri address, string certsFolder, string department)
    {
        _address = address;
        _http = new HttpClient(EdgeChannels.Handler(certsFolder, department));
    }

    /// <summary>Posts <paramref name="body"/> as it is to <paramref name="path"/> and returns the reply's status and metadata.</summary>
    public async Task<RawReply> PostAsync(string path, byte[] body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, path))
        {
            Content = new ByteArrayContent(body), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var metadata = response.Headers.Concat(response.TrailingHeaders)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal);
        return new RawReply(response.StatusCode, metadata);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A 5-byte gRPC frame header followed by <paramref name="message"/>.</summary>
    public static byte[] Frame(byte flag, uint length, byte[] message) =>
        [flag, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, .. message];
}

internal sealed record RawReply(HttpStatusCode HttpStatus, IReadOnlyDictionary<string, string> Metadata)
{
    public int GrpcStatus => int.Parse(Metadata["grpc-status"], System.Globalization.CultureInfo.InvariantCulture);

    public Google.Rpc.Status Details => Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(Pad(Metadata["grpc-status-details-bin"])));

    public ErrorInfo ErrorInfo => Details.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>();

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
}
