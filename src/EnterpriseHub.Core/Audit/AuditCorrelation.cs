namespace EnterpriseHub.Core.Audit;

/// <summary>
/// The caller's correlation id (its <c>x-request-id</c>) for the call running in this async
/// context. It travels beside the hub's own request id into audit records; it is never a
/// record's identity.
/// </summary>
public static class AuditCorrelation
{
    private static readonly AsyncLocal<string> Value = new();

    /// <summary>The correlation id of the current call; empty when none was sent.</summary>
    public static string Current => Value.Value ?? string.Empty;

    /// <summary>Makes <paramref name="correlationId"/> current until the returned scope is disposed.</summary>
    public static IDisposable Begin(string correlationId)
    {
        var previous = Current;
        Value.Value = correlationId;
        return new Scope(previous);
    }

    private sealed class Scope(string previous) : IDisposable
    {
        public void Dispose() => Value.Value = previous;
    }
}
