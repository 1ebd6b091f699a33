using EnterpriseHub.V1;
using Microsoft.AspNetCore.Mvc;

namespace EnterpriseHub.Web.Pages;

/// <summary>One notice; a sequence that is not the session's enterprise's is the hub's not-found page.</summary>
public sealed class NoticeModel : PortalPageModel
{
    public Notice Notice { get; private set; } = new();

    public async Task OnGetAsync(long sequence) => Notice = await Hub.GetNoticeAsync(sequence);

    public async Task<IActionResult> OnPostReadAsync(long sequence)
    {
        await Hub.MarkReadAsync(sequence);
        return RedirectToPage(new { sequence });
    }
}
