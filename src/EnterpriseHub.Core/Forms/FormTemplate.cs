namespace EnterpriseHub.Core.Forms;

/// <summary>
/// One form for every department: its fields are prefilled from shared facts, and a submission
/// becomes one enterprise-declared fact for each target type (each owned by a department).
/// </summary>
/// <param name="Targets">The declared-fact types that receive the answers; each one's schema validates them.</param>
public sealed record FormTemplate(string Name, string TitleZh, string TitleEn, IReadOnlyList<FormField> Fields, IReadOnlyList<string> Targets);

/// <summary>One field of a form.</summary>
/// <param name="Prefill">Where its current value comes from, <c>owner.type.attribute</c>; empty for a field the enterprise fills in.</param>
public sealed record FormField(string Name, string Label, string Prefill)
{
    public string PrefillType => Prefill[..Prefill.LastIndexOf('.')];

    public string PrefillAttribute => Prefill[(Prefill.LastIndexOf('.') + 1)..];
}
