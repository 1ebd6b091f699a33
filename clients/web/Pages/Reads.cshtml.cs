using System.Text;
using EnterpriseHub.Client;
using EnterpriseHub.Transparency;
using EnterpriseHub.V1;
using EnterpriseHub.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace EnterpriseHub.Web.Pages;

/// <summary>Who read my data: department, officer, purpose, time and fact types, newest first; paged; as CSV.</summary>
public sealed class ReadsModel : PortalPageModel
{
    public const int PageSize = 25;

    /// <summary>At most this many records go into one CSV download.</summary>
    public const int MaxCsvRecords = 20_000;

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string PageToken { get; set; } = string.Empty;

    public IReadOnlyList<AccessRecord> Records { get; private set; } = [];

    public string NextPageToken { get; private set; } = string.Empty;

    /// <summary>The size of the log the records were proven in.</summary>
    public long TreeSize { get; private set; }

    /// <summary>For each record's sequence, why its proof failed; a record not named here is proven to be in the log.</summary>
    public IReadOnlyDictionary<long, string> Unproven { get; private set; } = new Dictionary<long, string>();

    public IReadOnlyDictionary<string, FactType> Catalog { get; private set; } = new Dictionary<string, FactType>();

    public async Task OnGetAsync()
    {
        Catalog = await Hub.FactTypesAsync();
        var reply = await Hub.ListAccessAsync(PageToken ?? string.Empty, PageSize);
        Records = reply.Records;
        NextPageToken = reply.NextPageToken;
        TreeSize = reply.TreeSize;
        var unproven = new Dictionary<long, string>();
        foreach (var record in Records)
        {
            // Checked here, not taken from the hub's word: the leaf must encode the record as shown.
            try
            {
                AccessRecordProof.Verify(record, Portal.Acting ?? string.Empty, reply.TreeSize, reply.RootHash.Span);
            }
            catch (MerkleProofException problem)
            {
                unproven[record.Sequence] = problem.Message;
            }
        }

        Unproven = unproven;
    }

    /// <summary>Every read as CSV (UTF-8 with a byte-order mark, so that spreadsheets read the Chinese right).</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var csv = new StringBuilder();
        csv.Append("time,department,officer_id,purpose,fact_types,outcome,request_id\r\n");
        var token = string.Empty;
        var count = 0;
        do
        {
            var reply = await Hub.ListAccessAsync(token, 500);
            foreach (var record in reply.Records)
            {
                csv.Append(Csv.Row(
                    record.Time?.ToDateTimeOffset().ToString("O") ?? string.Empty, record.Department, record.OfficerId, record.Purpose,
                    string.Join(' ', record.FactTypes), record.Outcome, record.RequestId));
                count++;
            }

            token = reply.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token) && count < MaxCsvRecords);

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"reads-{Portal.Acting}.csv");
    }
}
