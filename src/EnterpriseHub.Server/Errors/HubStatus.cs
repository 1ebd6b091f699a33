using EnterpriseHub.Core.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace EnterpriseHub.Server.Errors;

/// <summary>
/// The one mapping from domain outcomes to gRPC statuses (see ARCHITECTURE.md). Every refusal
/// carries a google.rpc.ErrorInfo with a stable reason; field problems add a BadRequest.
/// </summary>
internal static class HubStatus
{
    public const string Domain = "enterprisehub.v1";

    public static RpcException ToRpcException(HubException exception, string requestId)
    {
        var code = exception switch
        {
            HubValidationException => Code.InvalidArgument,
            HubNotFoundException => Code.NotFound,
            HubPermissionException => Code.PermissionDenied,
            HubConflictException => Code.FailedPrecondition,
            HubLimitException => Code.ResourceExhausted,
            HubUnavailableException => Code.Unavailable,
            _ => Code.Internal,
        };
        var status = new Google.Rpc.Status { Code = (int)code, Message = exception.Message };
        status.Details.Add(Any.Pack(new ErrorInfo
        {
            Reason = exception.Reason,
            Domain = Domain,
            Metadata = { ["request_id"] = requestId },
        }));
        if (exception is HubValidationException validation)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(validation.Violations.Select(v =>
                new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }

        return status.ToRpcException();
    }
}
