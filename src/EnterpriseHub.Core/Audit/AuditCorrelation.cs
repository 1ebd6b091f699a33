namespace EnterpriseHub.Core.Audit;

/// <summary>
/// The correlation id the caller sent with the call in progress (its own <c>x-request-id</c>), so
/// audit records can carry it beside the hub's request id without every layer passing it along.
/// The server sets it for the duration of each call; outside a call it is empty.
/// </summary>
public static class AuditCorrelation
{
    private static readonly AsyncLocal<string?> Value = new();

    /// <summary>The caller's correlation id, or the empty string when it sent none.</summary>
    public static string Current => Value.Value ?? string.Empty;

    /// <summary>Makes <paramref name="correlationId"/> current until the returned scope is disposed.</summary>
    public static IDisposable Begin(string correlationId)
    {
        ArgumentNullException.ThrowIfNull(correlationId);
        var previous = Value.Value;
        Value.Value = correlationId;
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Value.Value = previous;
            }
        }
    }
}
