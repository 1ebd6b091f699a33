using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Web.Pages;

/// <summary>Overview: who the enterprise is, its credit level, its unread notices and deadlines, the latest reads of its data.</summary>
public sealed class IndexModel(TimeProvider time) : PortalPageModel
{
    private const string PortalIdentity = "portal";

    public Enterprise Enterprise { get; private set; } = new();

    public CreditProfile? Credit { get; private set; }

    public int UnreadNotices { get; private set; }

    public IReadOnlyList<Notice> Deadlines { get; private set; } = [];

    /// <summary>Unread credit warnings from the inbox: level changes and answered objections.</summary>
    public IReadOnlyList<Notice> CreditWarnings { get; private set; } = [];

    public IReadOnlyList<AccessRecord> LatestReads { get; private set; } = [];

    /// <summary>Submissions some target department has not picked up yet.</summary>
    public IReadOnlyList<Submission> OpenSubmissions { get; private set; } = [];

    public int OpenObjections => Credit?.Objections.Count(o => o.State == ObjectionState.Pending) ?? 0;

    public async Task OnGetAsync()
    {
        var enterprise = Hub.GetEnterpriseAsync();
        var notices = Hub.ListNoticesAsync();
        var reads = Hub.ListAccessAsync(string.Empty, 50);
        var credit = CreditOrNullAsync();
        var submissions = Hub.ListSubmissionsAsync(string.Empty, 50);
        Enterprise = await enterprise;
        var inbox = await notices;
        UnreadNotices = inbox.Count(n => n.ReadAt is null);
        CreditWarnings = inbox.Where(n => n.Kind == NoticeKind.Warning && n.ReadAt is null
                && (n.Key.StartsWith("credit:", StringComparison.Ordinal) || n.Key.StartsWith("objection:", StringComparison.Ordinal)))
            .Take(5).ToList();
        var now = time.GetUtcNow();
        Deadlines = inbox.Where(n => n.DueAt is not null && n.DueAt.ToDateTimeOffset() >= now)
            .OrderBy(n => n.DueAt.ToDateTimeOffset()).Take(3).ToList();
        // The departments' reads: the page's own reads for the enterprise are on "Who read my data".
        LatestReads = (await reads).Records.Where(r => r.Department != PortalIdentity).Take(5).ToList();
        Credit = await credit;
        OpenSubmissions = (await submissions).Submissions.Where(s => s.Targets.Any(t => !t.PickedUp)).ToList();
    }

    private async Task<CreditProfile?> CreditOrNullAsync()
    {
        try
        {
            return await Hub.GetCreditProfileAsync();
        }
        catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            // Not rated yet: the overview says so rather than failing.
            return null;
        }
    }
}
