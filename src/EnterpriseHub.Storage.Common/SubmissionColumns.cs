using System.Data.Common;
using System.Text.Json;
using EnterpriseHub.Core.Forms;

namespace EnterpriseHub.Storage.Common;

/// <summary>The columns of a form submission as both stores select them; the targets are JSON text, times UTC ticks.</summary>
internal static class SubmissionColumns
{
    public const string Select = "caller, submission_id, uscc, form, officer_id, submitted_ticks, effective_ticks, targets";

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
