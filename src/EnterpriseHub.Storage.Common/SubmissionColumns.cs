using System.Data.Common;
using System.Text.Json;
using EnterpriseHub.Core.Forms;

namespace EnterpriseHub.Storage.Common;

/// <summary>The columns of a form submission as both stores select them; the targets are JSON text, times UTC ticks.</summary>
internal static class SubmissionColumns
{
    public const string Select = "caller, submission_id, uscc, form, officer_id, submitted_ticks, effective_ticks, targets";

    /// <summary>Records a submission unless the caller's id is stored already (the first stands); run in its facts' append.</summary>
    public const string Insert = """
        INSERT INTO form_submissions (caller, submission_id, uscc, form, officer_id, submitted_ticks, effective_ticks, seq, targets)
        VALUES (@caller, @id, @uscc, @form, @officer, @submitted, @effective, @seq, @targets)
        ON CONFLICT (caller, submission_id) DO NOTHING;
        """;

    public static (string Name, object? Value)[] InsertParameters(FormSubmission submission) =>
    [
        ("@caller", submission.Caller), ("@id", submission.SubmissionId), ("@uscc", submission.Uscc), ("@form", submission.Form),
        ("@officer", submission.OfficerId), ("@submitted", submission.SubmittedAt.UtcTicks), ("@effective", submission.EffectiveTime.UtcTicks),
        ("@seq", submission.Sequence), ("@targets", Targets(submission)),
    ];

    public static string Targets(FormSubmission submission) =>
        JsonSerializer.Serialize(submission.Targets.Select(t => new Target(t.FactType, t.Sequence)).ToList());

    public static FormSubmission Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        Rows.Time(reader.GetInt64(5)),
        Rows.Time(reader.GetInt64(6)),
        (JsonSerializer.Deserialize<List<Target>>(reader.GetString(7)) ?? []).ConvertAll(t => new SubmittedFact(t.Type, t.Seq)));

    private sealed record Target(string Type, long Seq);
}
