using System.Text;
using EnterpriseHub.Client;
using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;
using EnterpriseHub.V1;
using EnterpriseHub.Web.Display;
using EnterpriseHub.Web.Hosting;
using EnterpriseHub.Web.Hub;
using Google.Protobuf.WellKnownTypes;
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

    /// <summary>The signed checkpoint the records were proven against, opened with the page's own keys; null when the hub has signed none yet or it failed to verify.</summary>
    public AccessLogCheckpoint? Checkpoint { get; private set; }

    /// <summary>Why the page's checkpoint failed to verify; null when it held or there is none yet.</summary>
    public string? CheckpointProblem { get; private set; }

    /// <summary>When the hub signed the checkpoint (its own word, from GetCheckpoint); null when it already serves a newer one.</summary>
    public Timestamp? SignedAt { get; private set; }

    /// <summary>Each record's check, by sequence.</summary>
    public IReadOnlyDictionary<long, RecordCheck> Checks { get; private set; } = new Dictionary<long, RecordCheck>();

    public IReadOnlyDictionary<string, FactType> Catalog { get; private set; } = new Dictionary<string, FactType>();

    public async Task OnGetAsync()
    {
        Catalog = await Hub.FactTypesAsync();
        var reply = await Hub.ListAccessAsync(PageToken ?? string.Empty, PageSize);
        Records = reply.Records;
        NextPageToken = reply.NextPageToken;
        // Checked here, not taken from the hub's word: the checkpoint must be signed by the log's
        // key (and cosigned as the page's witness policy asks), and each leaf must encode the record as shown.
        var keys = HttpContext.RequestServices.GetRequiredService<AuditLogKeys>();
        try
        {
            Checkpoint = AccessLogCheckpoint.Open(reply, keys.Log, keys.Witnesses);
        }
        catch (Exception problem) when (problem is NoteFormatException or NoteSignatureException)
        {
            CheckpointProblem = problem.Message;
            WebLog.CheckpointRefused(HttpContext.RequestServices.GetRequiredService<ILogger<ReadsModel>>(), problem.Message);
        }

        Checks = Records.ToDictionary(r => r.Sequence, Check);
        if (Checkpoint is not null && await Hub.GetCheckpointAsync() is { } latest &&
            latest.TreeSize == Checkpoint.Checkpoint.Size && latest.RootHash.Span.SequenceEqual(Checkpoint.Checkpoint.RootHash))
        {
            SignedAt = latest.SignedAt;
        }
    }

    private RecordCheck Check(AccessRecord record)
    {
        if (CheckpointProblem is not null)
        {
            return new(ProofState.Unproven, CheckpointProblem);
        }

        if (Checkpoint is null || !Checkpoint.Covers(record))
        {
            return new(ProofState.Pending, null);
        }

        try
        {
            Checkpoint.Verify(record, Portal.Acting ?? string.Empty);
            return new(ProofState.Proven, null);
        }
        catch (MerkleProofException problem)
        {
            return new(ProofState.Unproven, problem.Message);
        }
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

/// <summary>Where a record stands: proven in the signed checkpoint, newer than it, or not proven.</summary>
public enum ProofState
{
    Proven,
    Pending,
    Unproven,
}

/// <summary>One record's check: its state and, when not proven, why.</summary>
public sealed record RecordCheck(ProofState State, string? Problem);
