using EnterpriseHub.Web.Hosting;
using EnterpriseHub.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EnterpriseHub.Web.Pages;

/// <summary>Ends the session.</summary>
public sealed class SignOutModel(ILogger<SignOutModel> logger) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (HttpContext.Session() is { } session)
        {
            WebLog.SignedOut(logger, session.PersonId);
        }

        await HttpContext.SignOutAsync(PortalSession.Scheme);
        return Redirect("/signin?out=true");
    }
}
