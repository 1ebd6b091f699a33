namespace EnterpriseHub.Core.Catalog;

/// <summary>
/// Who may read a fact type, as the State Council's 2025 government data-sharing regulation classes
/// it. Spelled <c>unconditional</c>, <c>conditional</c>, <c>not_shared</c> in the catalog file.
/// </summary>
public enum SharingClass
{
    /// <summary>Every department may read.</summary>
    Unconditional,

    /// <summary>A department reads only under a grant from the owner.</summary>
    Conditional,

    /// <summary>The owner alone reads.</summary>
    NotShared,
}
