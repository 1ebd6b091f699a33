namespace EnterpriseHub.Core.Errors;

/// <summary>
/// A domain outcome that refuses a request. The server maps each kind to one gRPC status
/// (in one place); the message is safe to show the caller and never holds fact values.
/// </summary>
public abstract class HubException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>A stable UPPER_SNAKE_CASE reason a client can branch on (sent as google.rpc.ErrorInfo).</summary>
    public string Reason { get; } = reason;
}

/// <summary>One problem with one field of a request, e.g. <c>facts[3].uscc</c>.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>Malformed input: every problem found, not only the first (INVALID_ARGUMENT).</summary>
public sealed class HubValidationException(IReadOnlyList<FieldViolation> violations)
    : HubException("INVALID_FIELDS", Summarize(violations))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    public HubValidationException(string field, string description)
        : this([new FieldViolation(field, description)])
    {
    }

    /// <summary>Throws when any problem was found, with all of them.</summary>
    public static void ThrowIfAny(List<FieldViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw new HubValidationException(violations);
        }
    }

    private static string Summarize(IReadOnlyList<FieldViolation> violations) =>
        violations.Count == 1
            ? $"{violations[0].Field}: {violations[0].Description}"
            : $"{violations.Count} invalid fields; the first: {violations[0].Field}: {violations[0].Description}";
}

/// <summary>A well-formed request about something the hub does not hold (NOT_FOUND).</summary>
public sealed class HubNotFoundException(string reason, string message) : HubException(reason, message);

/// <summary>The caller may not do this (PERMISSION_DENIED).</summary>
public sealed class HubPermissionException(string reason, string message) : HubException(reason, message);

/// <summary>The request conflicts with what is stored (FAILED_PRECONDITION).</summary>
public sealed class HubConflictException(string reason, string message) : HubException(reason, message);

/// <summary>The request exceeds a size or rate limit (RESOURCE_EXHAUSTED).</summary>
public sealed class HubLimitException(string reason, string message) : HubException(reason, message);

/// <summary>
/// Stored data the hub needs is missing or damaged, e.g. an audit record the Merkle tree covers
/// (DATA_LOSS): nothing the caller sent, and never repaired silently; the hub logs it as an error.
/// </summary>
public sealed class HubDataLossException(string reason, string message) : HubException(reason, message);

/// <summary>The store cannot be reached or is busy; the request is safe to retry (UNAVAILABLE).</summary>
public sealed class HubUnavailableException(string message, Exception? inner = null)
    : HubException("STORE_UNAVAILABLE", message, inner);
