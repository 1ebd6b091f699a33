namespace EnterpriseHub.Core.Facts;

/// <summary>A fact as a caller sent it, not yet validated.</summary>
/// <param name="AttributesJson">Canonical JSON object text, or null when the caller sent no attributes.</param>
public sealed record FactInput(
    string Uscc,
    string FactType,
    string? AttributesJson,
    DateTimeOffset? EffectiveTime,
    string SourceRecordId);

/// <summary>The outcome of one published fact, in request order.</summary>
public sealed record PublishOutcome(
    string SourceRecordId,
    long Sequence,
    DateTimeOffset PublishTime,
    bool Duplicate,
    IReadOnlyList<string> Warnings);
