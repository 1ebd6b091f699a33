using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Core.Tests.Proactive;

public sealed class CreditNoticesTests
{
    private const string Uscc = "91440115MA5HUB013L";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LevelChanged_Alert_WarningFromTheHubKeyedByTheAlertNamingBothLevelsAndTheReason()
    {
        var alert = new CreditAlert(17, Uscc, CreditLevel.B, CreditLevel.D, "dishonest_debtor started (court.dishonest_debtor by court, record R); level B → D", At, 5);

        var notice = CreditNotices.LevelChanged(alert, At);

        Assert.Equal((Uscc, "credit:17", NoticeKind.Warning, "hub", At), (notice.Uscc, notice.Key, notice.Kind, notice.Department, notice.At));
        Assert.Contains("B to D", notice.Title, StringComparison.Ordinal);
        Assert.Contains("由 B 变为 D", notice.Title, StringComparison.Ordinal);
        Assert.Contains(alert.Reason, notice.Body, StringComparison.Ordinal);
        Assert.Null(notice.DueAt);
    }

    [Theory]
    [InlineData("confirmed", "the fact stands")]
    [InlineData("corrected", "the fact was corrected")]
    public void Answered_AnswerFact_WarningFromTheAnsweringDepartmentWithItsNote(string decision, string title)
    {
        var fact = Fact("tax.credit_objection_answer", $$"""{"decision":"{{decision}}","note":"checked the ledger","objection":"o-9"}""");

        var notice = CreditNotices.Answered(fact, At);

        Assert.NotNull(notice);
        Assert.Equal((Uscc, "objection:tax:o-9", NoticeKind.Warning, "tax"), (notice.Uscc, notice.Key, notice.Kind, notice.Department));
        Assert.Contains(title, notice.Title, StringComparison.Ordinal);
        Assert.Equal("checked the ledger", notice.Body);
    }

    [Theory]
    [InlineData("tax.credit_objection")]
    [InlineData("tax.credit_grade")]
    public void Answered_AnyOtherFact_Null(string factType) =>
        Assert.Null(CreditNotices.Answered(Fact(factType, """{"grade":"D"}"""), At));

    private static Fact Fact(string type, string attributes) => new(Uscc, type, attributes, At, "tax", "answer:x", At, 42);
}
