using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Server.Demo;

/// <summary>One generated fact and the department that publishes it (the fact type's owner).</summary>
public sealed record DemoFact(string Publisher, FactDraft Draft);
