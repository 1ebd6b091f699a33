using System.Text.Json;

namespace EnterpriseHub.Web.Tests.Notices;

/// <summary>A Server-Sent Events reader over one response, as a browser's EventSource reads it.</summary>
internal sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public static async Task<EventStream> OpenAsync(HttpClient client, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/notices/events");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        // The first block (retry) is written as soon as the page is subscribed.
        await stream.NextBlockAsync(TimeSpan.FromSeconds(10));
        return stream;
    }

    /// <summary>The next notice event: its id and its data, within <paramref name="timeout"/>.</summary>
    public async Task<(long Id, JsonElement Data)> NextNoticeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var block = await NextBlockAsync(cancel.Token);
            if (block.TryGetValue("event", out var kind) && kind == "notice")
            {
                return (long.Parse(block["id"], System.Globalization.CultureInfo.InvariantCulture), JsonDocument.Parse(block["data"]).RootElement.Clone());
            }
        }
    }

    private async Task<Dictionary<string, string>> NextBlockAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await NextBlockAsync(cancel.Token);
    }

    private async Task<Dictionary<string, string>> NextBlockAsync(CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (fields.Count > 0)
                {
                    return fields;
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            fields[line[..colon]] = line[(colon + 1)..].TrimStart();
        }
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
