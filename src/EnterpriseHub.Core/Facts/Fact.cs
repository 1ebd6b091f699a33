namespace EnterpriseHub.Core.Facts;

/// <summary>A fact as the hub stores it: immutable, with its place in the global log.</summary>
/// <param name="AttributesJson">The attributes as canonical JSON object text (keys sorted, compact).</param>
public sealed record Fact(
    string Uscc,
    string FactType,
    string AttributesJson,
    DateTimeOffset EffectiveTime,
    string Publisher,
    string SourceRecordId,
    DateTimeOffset PublishTime,
    long Sequence);

/// <summary>A validated fact on its way into the store.</summary>
/// <param name="AttributesJson">The attributes as canonical JSON object text (keys sorted, compact).</param>
public sealed record FactDraft(
    string Uscc,
    string FactType,
    string AttributesJson,
    DateTimeOffset EffectiveTime,
    string SourceRecordId);

/// <summary>What the store did with one draft.</summary>
/// <param name="Duplicate">The draft had been stored before under its record id; nothing new was stored.</param>
public sealed record AppendedFact(long Sequence, DateTimeOffset PublishTime, bool Duplicate);
