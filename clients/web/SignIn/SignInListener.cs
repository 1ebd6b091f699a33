using EnterpriseHub.Web.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace EnterpriseHub.Web.SignIn;

/// <summary>
/// Serves the sign-in listener, the only one whose connections carry a client certificate
/// (already judged at the handshake): <c>GET /</c> reads the person and the enterprises from the
/// certificate, starts the cookie session and redirects to the main port (cookies are per host,
/// not per port, so the session cookie set here is the main port's). Anything else there is 404.
/// </summary>
internal sealed class SignInListener(RequestDelegate next, PortalListeners listeners, ILogger<SignInListener> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.ClientCertificate is not { } certificate)
        {
            await next(context);
            return;
        }

        if (context.Request.Path != "/" || !HttpMethods.IsGet(context.Request.Method)
            || !UserIdentity.TryRead(certificate, out var identity, out _))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var session = PortalSession.For(identity!);
        await context.SignInAsync(PortalSession.Scheme, session.ToPrincipal(), new AuthenticationProperties { IsPersistent = false });
        WebLog.SignedIn(logger, session.PersonId, session.Allowed.Count);
        context.Response.Redirect(listeners.MainUrl(context.Request.Host, session.Acting is null ? "/choose" : "/"));
    }
}
