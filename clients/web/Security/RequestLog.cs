using EnterpriseHub.Web.Hosting;
using EnterpriseHub.Web.SignIn;
using Serilog.Context;

namespace EnterpriseHub.Web.Security;

/// <summary>One line per request: method, path (never the query), status and time, with the person's id and the request id.</summary>
internal sealed class RequestLog(RequestDelegate next, ILogger<RequestLog> logger, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            using (LogContext.PushProperty("Person", context.Session()?.PersonId))
            {
                WebLog.Request(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, time.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }
}
