using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Enterprises;

/// <summary>The directory entry of an enterprise, derived from its current facts.</summary>
/// <param name="Name">From the current business licence; empty when there is none.</param>
/// <param name="Industry">GB/T 4754 industry code from the current business licence; empty when unknown.</param>
public sealed record EnterpriseSummary(string Uscc, string Name, string Industry)
{
    /// <summary>Characters 3 to 8 of the code: the registration division.</summary>
    public string DivisionCode => Uscc.Substring(2, 6);
}

/// <summary>An enterprise with its current fact of every type, ordered by fact type.</summary>
public sealed record EnterpriseRecord(EnterpriseSummary Summary, IReadOnlyList<Fact> Facts);
