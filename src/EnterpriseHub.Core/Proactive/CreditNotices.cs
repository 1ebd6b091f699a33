using System.Text.Json;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// The warnings an enterprise receives about its own credit: a change of its level (one per credit
/// alert) and the answer to one of its objections (one per answer fact). They are notices like
/// any other, so the page learns of them through the inbox and the delivery stream it already reads.
/// </summary>
public static class CreditNotices
{
    /// <summary>The key of a level change's warning: the alert's sequence, unique per enterprise.</summary>
    public static string LevelKey(long alertSequence) => $"credit:{alertSequence}";

    /// <summary>The key of an objection answer's warning: the answering department and the objection's id.</summary>
    public static string AnswerKey(string department, string objectionId) => $"objection:{department}:{objectionId}";

    /// <summary>The warning about a level change; the reason names rules, fact types, publishers and record ids only.</summary>
    public static NewNotice LevelChanged(CreditAlert alert, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new NewNotice(
            alert.Uscc, LevelKey(alert.Sequence), NoticeKind.Warning, NoticeMatcher.HubDepartment,
            $"信用等级由 {alert.Before} 变为 {alert.After} / Credit level changed from {alert.Before} to {alert.After}",
            $"原因：{alert.Reason}。如认为某一信号所依据的事实有误，可在信用页面对该信号提出异议。 / Reason: {alert.Reason}. "
            + "If a signal rests on a wrong fact, object to it on the credit page.",
            at, null);
    }

    /// <summary>The warning about an answered objection, or null for a fact that is not an answer.</summary>
    public static NewNotice? Answered(Fact fact, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (!fact.FactType.EndsWith(ObjectionFacts.AnswerSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        using var document = JsonDocument.Parse(fact.AttributesJson);
        var body = document.RootElement;
        var id = body.GetProperty("objection").GetString() ?? string.Empty;
        var corrected = body.GetProperty("decision").GetString() == "corrected";
        var note = body.GetProperty("note").GetString() ?? string.Empty;
        var department = FactTypeName.Owner(fact.FactType);
        return new NewNotice(
            fact.Uscc, AnswerKey(department, id), NoticeKind.Warning, department,
            corrected
                ? $"异议 {id} 已答复：事实已更正 / Objection {id} answered: the fact was corrected"
                : $"异议 {id} 已答复：事实维持 / Objection {id} answered: the fact stands",
            note, at, null);
    }
}
