using EnterpriseHub.V1;
using Microsoft.AspNetCore.Mvc;

namespace EnterpriseHub.Web.Pages;

/// <summary>A submission: which departments it went to and which have received it.</summary>
public sealed class FormSubmissionModel : PortalPageModel
{
    [BindProperty(SupportsGet = true, Name = "form")]
    public string FormName { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "id")]
    public string SubmissionId { get; set; } = string.Empty;

    public Form? Form { get; private set; }

    public IReadOnlyList<SubmissionTarget> Targets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Form = (await Hub.ListFormsAsync()).FirstOrDefault(f => f.Name == FormName);
        if (Form is null || !Forms.SubmissionId.IsValid(SubmissionId))
        {
            return NotFound();
        }

        // The hub looks the id up for the session's enterprise only: another enterprise's id is not found.
        Targets = (await Hub.GetSubmissionAsync(FormName, SubmissionId)).Targets;
        return Page();
    }
}
