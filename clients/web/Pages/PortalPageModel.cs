using EnterpriseHub.Web.Hub;
using EnterpriseHub.Web.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EnterpriseHub.Web.Pages;

/// <summary>A page of a signed-in person acting for one enterprise; without a chosen enterprise it sends them to choose one.</summary>
public abstract class PortalPageModel : PageModel
{
    internal PortalSession Portal => HttpContext.Session()!;

    internal PortalHub Hub => HttpContext.RequestServices.GetRequiredService<PortalHub>();

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (HttpContext.Session()?.Acting is null)
        {
            context.Result = new RedirectToPageResult("/Choose");
            return;
        }

        await next();
    }
}
