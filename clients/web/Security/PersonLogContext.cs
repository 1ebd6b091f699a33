using EnterpriseHub.Web.SignIn;
using Serilog.Context;

namespace EnterpriseHub.Web.Security;

/// <summary>Puts the signed-in person's id (never their name) on every log line of the request.</summary>
internal sealed class PersonLogContext(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using (LogContext.PushProperty("Person", context.Session()?.PersonId))
        {
            await next(context);
        }
    }
}
