using EnterpriseHub.V1;
using Microsoft.AspNetCore.Mvc;

namespace EnterpriseHub.Web.Pages;

/// <summary>The history of one fact type of the enterprise, newest first, a page at a time.</summary>
public sealed class HistoryModel : PortalPageModel
{
    [BindProperty(SupportsGet = true, Name = "type")]
    public string FactTypeName { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string PageToken { get; set; } = string.Empty;

    public IReadOnlyList<Fact> Facts { get; private set; } = [];

    public string NextPageToken { get; private set; } = string.Empty;

    public IReadOnlyDictionary<string, FactType> Catalog { get; private set; } = new Dictionary<string, FactType>();

    public async Task<IActionResult> OnGetAsync()
    {
        Catalog = await Hub.FactTypesAsync();
        // Only a type the catalog names: anything else would be an invalid argument for the hub anyway.
        if (!Catalog.ContainsKey(FactTypeName))
        {
            return RedirectToPage("/Data");
        }

        var reply = await Hub.GetFactHistoryAsync(FactTypeName, PageToken ?? string.Empty, 20);
        Facts = reply.Facts;
        NextPageToken = reply.NextPageToken;
        return Page();
    }
}
