using EnterpriseHub.Client;
using EnterpriseHub.Web.Hosting;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EnterpriseHub.Web.Pages;

/// <summary>
/// What went wrong, in the page's language, with the request id: the hub unavailable (try again
/// later), the hub refusing (not permitted, not found, not valid), or a fault of the page itself.
/// Never the hub's message or any detail of the call.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public enum Kind
    {
        Unavailable,
        Refused,
        NotFound,
        Fault,
    }

    public Kind What { get; private set; } = Kind.Fault;

    public string RequestId => HttpContext.TraceIdentifier;

    public void OnGet() => Explain();

    public void OnPost() => Explain();

    private void Explain()
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is RpcException rpc)
        {
            var error = rpc.ToHubError();
            (What, Response.StatusCode) = rpc.StatusCode switch
            {
                Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.DeadlineExceeded or Grpc.Core.StatusCode.ResourceExhausted or Grpc.Core.StatusCode.Cancelled
                    => (Kind.Unavailable, StatusCodes.Status503ServiceUnavailable),
                Grpc.Core.StatusCode.NotFound => (Kind.NotFound, StatusCodes.Status404NotFound),
                _ => (Kind.Refused, StatusCodes.Status403Forbidden),
            };
            if (What == Kind.Unavailable)
            {
                WebLog.HubUnavailable(logger, rpc.StatusCode.ToString());
            }
            else
            {
                WebLog.HubRefused(logger, rpc.StatusCode.ToString(), error.Reason, error.RequestId);
            }
        }
        else if (exception is not null)
        {
            Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }
}
