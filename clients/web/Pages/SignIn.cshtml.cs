using EnterpriseHub.Web.Hosting;
using EnterpriseHub.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EnterpriseHub.Web.Pages;

/// <summary>The way in: a link to the sign-in port, where the browser presents the user certificate.</summary>
[AllowAnonymous]
public sealed class SignInModel : PageModel
{
    public string SignInUrl { get; private set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "out")]
    public bool SignedOut { get; set; }

    public IActionResult OnGet()
    {
        if (HttpContext.Session() is not null)
        {
            return Redirect("/");
        }

        SignInUrl = HttpContext.RequestServices.GetRequiredService<PortalListeners>().SignInUrl(Request.Host);
        return Page();
    }
}
