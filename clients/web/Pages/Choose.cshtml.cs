using EnterpriseHub.V1;
using EnterpriseHub.Web.Hosting;
using EnterpriseHub.Web.Hub;
using EnterpriseHub.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EnterpriseHub.Web.Pages;

/// <summary>A person whose certificate names several enterprises chooses the one to act for; only those the session holds are offered or accepted.</summary>
public sealed class ChooseModel(ILogger<ChooseModel> logger) : PageModel
{
    private PortalHub Hub => HttpContext.RequestServices.GetRequiredService<PortalHub>();

    public IReadOnlyList<Enterprise> Enterprises { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var session = HttpContext.Session()!;
        var found = new List<Enterprise>();
        foreach (var uscc in session.Allowed)
        {
            found.Add(await Hub.GetNamedEnterpriseAsync(uscc));
        }

        Enterprises = found;
    }

    public async Task<IActionResult> OnPostAsync(string uscc)
    {
        var session = HttpContext.Session()!;
        if (string.IsNullOrEmpty(uscc) || !session.Allowed.Contains(uscc))
        {
            WebLog.ForeignEnterpriseRefused(logger, session.PersonId);
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        await HttpContext.SignInAsync(PortalSession.Scheme, session.ActingFor(uscc).ToPrincipal(), new AuthenticationProperties { IsPersistent = false });
        WebLog.EnterpriseChosen(logger, session.PersonId);
        return Redirect("/");
    }
}
