using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;

namespace EnterpriseHub.Web.Pages;

/// <summary>Credit: level, score, each signal with the fact behind it, the rules version; objections filed and answered.</summary>
public sealed class CreditModel : PortalPageModel
{
    public const int MaxReason = 500;

    public CreditProfile? Profile { get; private set; }

    /// <summary>The signal the objection form is for (its rule and fact sequence), from the form or the query.</summary>
    [BindProperty(SupportsGet = true)]
    public string Rule { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public long Sequence { get; set; }

    /// <summary>The objection's id, rendered into the form so that a second post files nothing twice.</summary>
    [BindProperty]
    public string ObjectionId { get; set; } = string.Empty;

    [BindProperty]
    public string Reason { get; set; } = string.Empty;

    /// <summary>Field name to message key, for the error summary and the field.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public bool Filed { get; private set; }

    public CreditSignal? Disputed => Profile?.Signals.FirstOrDefault(s => s.Rule == Rule && s.Fact?.Sequence == Sequence);

    public async Task OnGetAsync(bool filed = false)
    {
        Filed = filed;
        Profile = await ProfileOrNullAsync();
        ObjectionId = NewId();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Profile = await ProfileOrNullAsync();
        if (Disputed is null)
        {
            Errors["signal"] = "Credit.Error.NoSignal";
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            Errors["reason"] = "Credit.Error.ReasonRequired";
        }
        else if (Reason.Length > MaxReason)
        {
            Errors["reason"] = "Credit.Error.ReasonTooLong";
        }

        if (!Forms.SubmissionId.IsValid(ObjectionId))
        {
            ObjectionId = NewId();
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        try
        {
            await Hub.FileObjectionAsync(ObjectionId, Rule, Sequence, Reason.Trim());
        }
        catch (RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.FailedPrecondition)
        {
            foreach (var violation in HubError.From(e).FieldViolations)
            {
                Errors.TryAdd(violation.Field == "reason" ? "reason" : "signal", violation.Field == "reason" ? "Credit.Error.ReasonRejected" : "Credit.Error.NoSignal");
            }

            Errors.TryAdd("signal", "Credit.Error.NoSignal");
            return Page();
        }

        // Post/redirect/get: the back button or a reload shows the objection, it does not file it again.
        return RedirectToPage("/Credit", new { filed = true });
    }

    private async Task<CreditProfile?> ProfileOrNullAsync()
    {
        try
        {
            return await Hub.GetCreditProfileAsync();
        }
        catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            return null;
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}
