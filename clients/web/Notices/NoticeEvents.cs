using System.Globalization;
using System.Text.Json;
using EnterpriseHub.V1;
using EnterpriseHub.Web.Display;
using EnterpriseHub.Web.Hub;
using EnterpriseHub.Web.SignIn;
using Microsoft.Extensions.Localization;

namespace EnterpriseHub.Web.Notices;

/// <summary>
/// <c>GET /notices/events</c>: the session's enterprise's new notices as Server-Sent Events, on the
/// main port, signed-in only. Each event's id is the notice's sequence; a browser that reconnects
/// sends it back as <c>Last-Event-ID</c> and gets what it missed, from the instance's buffer or,
/// when that no longer reaches back, from the inbox.
/// </summary>
internal static class NoticeEvents
{
    public const string Path = "/notices/events";

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void MapNoticeEvents(this WebApplication app) =>
        app.MapGet(Path, StreamAsync).RequireAuthorization();

    private static async Task StreamAsync(
        HttpContext context, NoticeFanOut fanOut, PortalHub hub, IStringLocalizer<SharedResource> localizer, IHostApplicationLifetime lifetime)
    {
        if (context.Session()?.Acting is not { } uscc)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        // A stopping instance ends its streams at once: the browser reconnects, to another
        // instance, with Last-Event-ID, instead of the stop waiting out its timeout.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ended.Token;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        // Subscribe before catching up, so nothing delivered in between is lost; the sequence
        // filter drops what the catch-up already sent.
        using var subscription = fanOut.Subscribe(uscc);
        var last = LastEventId(context);
        await context.Response.WriteAsync("retry: 3000\n\n", aborted);
        if (last is { } after)
        {
            var missed = fanOut.Since(uscc, after)
                ?? (await hub.ListNoticesAsync()).Where(n => n.Sequence > after).OrderBy(n => n.Sequence).ToList();
            foreach (var notice in missed)
            {
                await WriteAsync(context, localizer, notice, aborted);
                last = notice.Sequence;
            }
        }

        await context.Response.Body.FlushAsync(aborted);
        var reader = subscription.Reader;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                idle.CancelAfter(KeepAlive);
                bool ready;
                try
                {
                    ready = await reader.WaitToReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", aborted);
                    await context.Response.Body.FlushAsync(aborted);
                    continue;
                }

                if (!ready)
                {
                    return;
                }

                while (reader.TryRead(out var notice))
                {
                    if (notice.Uscc != uscc || (last is { } seen && notice.Sequence <= seen))
                    {
                        continue;
                    }

                    await WriteAsync(context, localizer, notice, aborted);
                    last = notice.Sequence;
                }

                await context.Response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The page went away, or the instance is stopping.
        }
    }

    /// <summary>
    /// Where the page is: the browser's <c>Last-Event-ID</c> when it reconnects, else the newest
    /// notice the served page showed (<c>?after=</c>, set by the script on its first connection).
    /// Only a sequence: the enterprise is the session's, whatever the request says.
    /// </summary>
    private static long? LastEventId(HttpContext context)
    {
        var header = context.Request.Headers["Last-Event-ID"].ToString();
        var text = header.Length > 0 ? header : context.Request.Query["after"].ToString();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    private static Task WriteAsync(HttpContext context, IStringLocalizer localizer, Notice notice, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(new
        {
            sequence = notice.Sequence,
            kind = notice.Kind.ToString(),
            kindName = localizer[$"Notices.Kind.{notice.Kind}"].Value,
            department = Text.Department(localizer, notice.Department),
            title = notice.Title,
            deliveredAt = Text.Time(notice.DeliveredAt),
            url = $"/notices/{notice.Sequence.ToString(CultureInfo.InvariantCulture)}",
            announcement = string.Format(CultureInfo.CurrentCulture, localizer["Notices.Announce"].Value, localizer[$"Notices.Kind.{notice.Kind}"].Value, notice.Title),
        });
        return context.Response.WriteAsync(
            $"id: {notice.Sequence.ToString(CultureInfo.InvariantCulture)}\nevent: notice\ndata: {data}\n\n", cancellationToken);
    }
}
