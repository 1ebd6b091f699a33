using System.Text;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Server.Logging;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace EnterpriseHub.Server.Errors;

/// <summary>
/// The one mapping from domain outcomes to gRPC statuses (see ARCHITECTURE.md). Every refusal
/// carries a google.rpc.ErrorInfo with a stable reason and the call's ids; field problems add a
/// BadRequest. Replies are bounded whatever the caller sent: the whole status travels in one
/// trailer, and ordinary clients accept 8 KiB of metadata in all, so at most
/// <see cref="MaxViolations"/> violations within <see cref="ViolationBudgetBytes"/> are listed (a last
/// one says how many more there were), and every text is cut to <see cref="MaxTextLength"/>
/// characters (<see cref="MaxMessageBytes"/> UTF-8 bytes for the message, which travels twice).
/// </summary>
internal static class HubStatus
{
    public const string Domain = "enterprisehub.v1";
    public const int MaxViolations = 100;
    public const int MaxTextLength = 200;
    public const int MaxMessageBytes = 200;
    public const int ViolationBudgetBytes = 3 * 1024;
    public const string DetailsTrailer = "grpc-status-details-bin";

    public static RpcException ToRpcException(HubException exception, CallIds ids)
    {
        var code = exception switch
        {
            HubValidationException => Code.InvalidArgument,
            HubNotFoundException => Code.NotFound,
            HubPermissionException => Code.PermissionDenied,
            HubConflictException => Code.FailedPrecondition,
            HubLimitException => Code.ResourceExhausted,
            HubUnavailableException => Code.Unavailable,
            HubDataLossException => Code.DataLoss,
            _ => Code.Internal,
        };
        var status = Create(code, exception.Reason, exception.Message, ids);
        if (exception is HubValidationException validation)
        {
            status.Details.Add(Any.Pack(Bounded(validation.Violations)));
        }

        return status.ToRpcException();
    }

    /// <summary>A refusal the hub makes itself, outside the domain (malformed frames, oversized metadata).</summary>
    public static RpcException Refusal(StatusCode code, string reason, string message, CallIds ids) =>
        Create((Code)code, reason, message, ids).ToRpcException();

    /// <summary>
    /// A caller over one of its quotas: RESOURCE_EXHAUSTED with the ErrorInfo, a QuotaFailure naming
    /// the caller (subject) and the limit it hit (description), and a RetryInfo saying when to try
    /// again. Clients must honour the RetryInfo: gRPC clients do not retry RESOURCE_EXHAUSTED on their
    /// own, unlike the UNAVAILABLE an HTTP 429 or 503 would reach them as.
    /// </summary>
    public static RpcException Quota(string reason, string message, string subject, string limit, TimeSpan retryAfter, CallIds ids)
    {
        var status = Create(Code.ResourceExhausted, reason, message, ids);
        status.Details.Add(Any.Pack(new QuotaFailure
        {
            Violations = { new QuotaFailure.Types.Violation { Subject = Cut(subject), Description = Cut(limit) } },
        }));
        status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }));
        return status.ToRpcException();
    }

    /// <summary>
    /// A server stream the hub ends because it is stopping: UNAVAILABLE (reason <c>HUB_STOPPING</c>)
    /// with a RetryInfo of zero, so the caller reconnects at once; the balancer, which the drain has
    /// told, sends it to another replica, where it resumes after its last position.
    /// </summary>
    public static RpcException Stopping(CallIds ids)
    {
        var status = Create(Code.Unavailable, "HUB_STOPPING", "the hub is stopping; watch again after your last position", ids);
        status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.Zero) }));
        return status.ToRpcException();
    }

    /// <summary>An unexpected failure: INTERNAL with the request id, nothing of the exception.</summary>
    public static RpcException Internal(CallIds ids) =>
        Refusal(StatusCode.Internal, "INTERNAL", $"internal error; request id {ids.RequestId}", ids);

    /// <summary>
    /// A status raised inside a call without our details (the health service's NOT_FOUND, a
    /// library's refusal) gets an ErrorInfo with the call's ids; its other trailers are kept.
    /// </summary>
    public static RpcException WithDetails(RpcException exception, CallIds ids)
    {
        if (exception.StatusCode == StatusCode.OK || exception.Trailers.Get(DetailsTrailer) is not null)
        {
            return exception;
        }

        var status = Create((Code)exception.StatusCode, ReasonFor(exception.StatusCode), exception.Status.Detail, ids);
        var trailers = new Metadata();
        foreach (var entry in exception.Trailers)
        {
            trailers.Add(entry);
        }

        trailers.Add(DetailsTrailer, status.ToByteArray());
        return new RpcException(new Grpc.Core.Status(exception.StatusCode, status.Message), trailers);
    }

    private static BadRequest Bounded(IReadOnlyList<Core.Errors.FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        // Room for the closing "n more" violation.
        var budget = ViolationBudgetBytes - 64;
        foreach (var violation in violations)
        {
            var bounded = new BadRequest.Types.FieldViolation { Field = Cut(violation.Field), Description = Cut(violation.Description) };
            var size = bounded.CalculateSize() + 4;
            if (badRequest.FieldViolations.Count == MaxViolations || size > budget)
            {
                break;
            }

            budget -= size;
            badRequest.FieldViolations.Add(bounded);
        }

        var more = violations.Count - badRequest.FieldViolations.Count;
        if (more > 0)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = string.Empty,
                Description = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{more} more violations not listed"),
            });
        }

        return badRequest;
    }

    private static Google.Rpc.Status Create(Code code, string reason, string message, CallIds ids)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain, Metadata = { ["request_id"] = ids.RequestId } };
        if (ids.CorrelationId.Length > 0)
        {
            info.Metadata["correlation_id"] = ids.CorrelationId;
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = CutMessage(message) };
        status.Details.Add(Any.Pack(info));
        return status;
    }

    /// <summary>The status code's name in UPPER_SNAKE_CASE, e.g. NOT_FOUND.</summary>
    private static string ReasonFor(StatusCode code)
    {
        var name = code.ToString();
        var reason = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                reason.Append('_');
            }

            reason.Append(char.ToUpperInvariant(name[i]));
        }

        return reason.ToString();
    }

    private static string Cut(string text, int maxLength = MaxTextLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var keep = maxLength - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "…");
    }

    private static string CutMessage(string message)
    {
        var cut = Cut(message);
        while (Encoding.UTF8.GetByteCount(cut) > MaxMessageBytes)
        {
            cut = Cut(cut, cut.Length * 3 / 4);
        }

        return cut;
    }
}
