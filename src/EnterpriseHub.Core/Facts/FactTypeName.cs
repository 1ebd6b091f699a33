using System.Text.RegularExpressions;

namespace EnterpriseHub.Core.Facts;

/// <summary>Fact type names are <c>owner.name</c>: the owning department's code, a dot, a snake_case name.</summary>
public static partial class FactTypeName
{
    /// <summary>Null when <paramref name="name"/> is well formed, else what is wrong with it.</summary>
    public static string? Problem(string? name) =>
        string.IsNullOrEmpty(name) ? "is required"
        : name.Length > 96 ? "must be at most 96 characters"
        : Pattern().IsMatch(name) ? null
        : "must be owner.name in lower case, e.g. amr.business_license";

    /// <summary>The owning department's code: the part before the dot.</summary>
    public static string Owner(string name) => name[..name.IndexOf('.', StringComparison.Ordinal)];

    [GeneratedRegex("^[a-z][a-z0-9_]{1,31}\\.[a-z][a-z0-9_]*$")]
    private static partial Regex Pattern();
}
