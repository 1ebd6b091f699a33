namespace EnterpriseHub.Web.Forms;

/// <summary>The hub's rule for a submission or objection id: 1 to 64 letters, digits, '-' or '_'.</summary>
internal static class SubmissionId
{
    public static bool IsValid(string? id) =>
        id is { Length: >= 1 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
