using EnterpriseHub.V1;
using Microsoft.AspNetCore.Mvc;

namespace EnterpriseHub.Web.Pages;

/// <summary>Notices and reminders: the inbox by kind, unread first; mark one read.</summary>
public sealed class NoticesModel : PortalPageModel
{
    /// <summary>The kinds in the order the page shows them.</summary>
    public static readonly NoticeKind[] Kinds = [NoticeKind.Warning, NoticeKind.Reminder, NoticeKind.Notice];

    public IReadOnlyDictionary<NoticeKind, IReadOnlyList<Notice>> ByKind { get; private set; } = new Dictionary<NoticeKind, IReadOnlyList<Notice>>();

    /// <summary>The newest sequence on the page: the live stream's starting point (<c>Last-Event-ID</c>).</summary>
    public long Newest { get; private set; }

    [TempData]
    public string? Marked { get; set; }

    public async Task OnGetAsync()
    {
        var inbox = await Hub.ListNoticesAsync();
        Newest = inbox.Count == 0 ? 0 : inbox.Max(n => n.Sequence);
        ByKind = Kinds.ToDictionary(
            kind => kind,
            kind => (IReadOnlyList<Notice>)inbox.Where(n => Group(n.Kind) == kind)
                .OrderBy(n => n.ReadAt is null ? 0 : 1).ThenByDescending(n => n.Sequence).ToList());
    }

    /// <summary>Marks a notice read; the hub answers not-found for a sequence that is not this enterprise's.</summary>
    public async Task<IActionResult> OnPostReadAsync(long sequence)
    {
        var notice = await Hub.MarkReadAsync(sequence);
        Marked = notice.Title;
        return RedirectToPage();
    }

    private static NoticeKind Group(NoticeKind kind) => kind == NoticeKind.Unspecified ? NoticeKind.Notice : kind;
}
