using EnterpriseHub.V1;

namespace EnterpriseHub.Web.Pages;

/// <summary>Forms: the forms on offer and the enterprise's submissions, with which departments have received each.</summary>
public sealed class FormsModel : PortalPageModel
{
    public IReadOnlyList<Form> Offered { get; private set; } = [];

    public IReadOnlyList<Submission> Submissions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var forms = Hub.ListFormsAsync();
        var submissions = Hub.ListSubmissionsAsync(string.Empty, 50);
        Offered = await forms;
        Submissions = (await submissions).Submissions;
    }
}
