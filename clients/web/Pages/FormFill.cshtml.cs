using System.Globalization;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using EnterpriseHub.Web.Display;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;

namespace EnterpriseHub.Web.Pages;

/// <summary>
/// One form, prefilled from the hub with where each value came from, submitted once: the
/// submission id is rendered into the form, so a double click or the back button stores nothing twice.
/// </summary>
public sealed class FormFillModel(TimeProvider time) : PortalPageModel
{
    private const string AnswersPrefix = "answers.";

    [BindProperty(SupportsGet = true, Name = "form")]
    public string FormName { get; set; } = string.Empty;

    [BindProperty(Name = "submissionId")]
    public string SubmissionId { get; set; } = string.Empty;

    public PrefillResponse Prefilled { get; private set; } = new();

    /// <summary>What the enterprise typed, by field name.</summary>
    public Dictionary<string, string> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>Field name (or <c>form</c> for the rest) to message key.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await KnownAsync())
        {
            return NotFound();
        }

        Prefilled = await Hub.PrefillAsync(FormName);
        SubmissionId = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await KnownAsync())
        {
            return NotFound();
        }

        Prefilled = await Hub.PrefillAsync(FormName);
        var answers = new Struct();
        foreach (var field in Prefilled.Fields.Where(f => IsEntered(f.Name)))
        {
            var value = Request.Form[$"{AnswersPrefix}{field.Name}"].ToString().Trim();
            Answers[field.Name] = value;
            if (value.Length > 0)
            {
                answers.Fields[field.Name] = Value.ForString(value);
            }
        }

        if (!Forms.SubmissionId.IsValid(SubmissionId))
        {
            // Not an id this page rendered: a new one, and the form again rather than a submission under a made-up key.
            SubmissionId = Guid.NewGuid().ToString("N");
            Errors["form"] = "FormFill.Error.Again";
            return Page();
        }

        try
        {
            await Hub.SubmitAsync(FormName, SubmissionId, answers, Effective());
        }
        catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.InvalidArgument)
        {
            foreach (var violation in HubError.From(e).FieldViolations)
            {
                var field = violation.Field.StartsWith(AnswersPrefix, StringComparison.Ordinal) ? violation.Field[AnswersPrefix.Length..] : "form";
                var key = field == "form" ? "FormFill.Error.Form"
                    : Answers.GetValueOrDefault(field, string.Empty).Length == 0 ? "FormFill.Error.Required" : "FormFill.Error.Invalid";
                Errors.TryAdd(IsEntered(field) ? field : "form", IsEntered(field) ? key : "FormFill.Error.Form");
            }

            Errors.TryAdd("form", "FormFill.Error.Form");
            if (Errors.Count > 1)
            {
                Errors.Remove("form");
            }

            return Page();
        }

        // Post/redirect/get: a reload or the back button shows the result, it does not post again.
        return RedirectToPage("/FormSubmission", new { form = FormName, id = SubmissionId });
    }

    /// <summary>True for the fields the enterprise fills in (no prefill source).</summary>
    public bool IsEntered(string field) => Prefilled.Form?.Fields.FirstOrDefault(f => f.Name == field) is { Prefill: "" };

    /// <summary>When the change takes effect: the form's effective date at midnight China time, else today (the hub checks the date field).</summary>
    private DateTimeOffset Effective()
    {
        var today = time.GetUtcNow().ToOffset(Text.ChinaStandardTime).Date;
        var date = DateTime.TryParseExact(Answers.GetValueOrDefault("effective"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : today;
        return new DateTimeOffset(date, Text.ChinaStandardTime);
    }

    private async Task<bool> KnownAsync() => (await Hub.ListFormsAsync()).Any(f => f.Name == FormName);
}
