"""One error type for every refusal the hub sends."""

from __future__ import annotations

import dataclasses
from typing import Optional, Sequence

import grpc

from enterprisehub._rpc import error_details_pb2, status_pb2

_DETAILS_KEY = "grpc-status-details-bin"


@dataclasses.dataclass(frozen=True)
class FieldViolation:
    """One malformed field of a request, from ``google.rpc.BadRequest``."""

    field: str
    description: str


class HubError(Exception):
    """A call the hub refused or could not complete.

    Attributes:
        code: the gRPC status code, e.g. ``grpc.StatusCode.INVALID_ARGUMENT``.
        message: the status message (never a stack trace).
        reason: the ``google.rpc.ErrorInfo`` reason, e.g. ``INVALID_USCC``; empty when none came.
        domain: the ``ErrorInfo`` domain (``enterprisehub.v1``).
        metadata: the ``ErrorInfo`` metadata.
        request_id: the hub's id of the request, to quote to its operators.
        field_violations: the ``google.rpc.BadRequest`` field violations.
        quota_violations: ``(subject, description)`` pairs from ``google.rpc.QuotaFailure``.
        retry_delay: seconds the hub asks the caller to wait (``google.rpc.RetryInfo``), or None.
    """

    def __init__(self, code: grpc.StatusCode, message: str, *, reason: str = "", domain: str = "",
                 metadata: Optional[dict] = None, request_id: str = "",
                 field_violations: Sequence[FieldViolation] = (),
                 quota_violations: Sequence[tuple] = (), retry_delay: Optional[float] = None) -> None:
        super().__init__(f"{code.name}: {message}" + (f" ({reason})" if reason else ""))
        self.code = code
        self.message = message
        self.reason = reason
        self.domain = domain
        self.metadata = dict(metadata or {})
        self.request_id = request_id
        self.field_violations = tuple(field_violations)
        self.quota_violations = tuple(quota_violations)
        self.retry_delay = retry_delay

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError, request_id: str = "") -> "HubError":
        """Decodes a grpc error, with the ``google.rpc.Status`` of its trailers when present."""
        code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
        message = error.details() if hasattr(error, "details") else str(error)
        trailers = (error.trailing_metadata() if hasattr(error, "trailing_metadata") else None) or ()
        kwargs: dict = {}
        for key, value in trailers:
            if key == "x-request-id" and not request_id:
                request_id = value
            if key != _DETAILS_KEY:
                continue
            status = status_pb2.Status.FromString(value)
            message = status.message or message
            violations, quotas = [], []
            for detail in status.details:
                if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                    info = error_details_pb2.ErrorInfo()
                    detail.Unpack(info)
                    kwargs.update(reason=info.reason, domain=info.domain, metadata=dict(info.metadata))
                    request_id = info.metadata.get("request_id", request_id)
                elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    bad = error_details_pb2.BadRequest()
                    detail.Unpack(bad)
                    violations += [FieldViolation(v.field, v.description) for v in bad.field_violations]
                elif detail.Is(error_details_pb2.QuotaFailure.DESCRIPTOR):
                    quota = error_details_pb2.QuotaFailure()
                    detail.Unpack(quota)
                    quotas += [(v.subject, v.description) for v in quota.violations]
                elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
                    retry = error_details_pb2.RetryInfo()
                    detail.Unpack(retry)
                    kwargs["retry_delay"] = retry.retry_delay.ToTimedelta().total_seconds()
            kwargs.update(field_violations=violations, quota_violations=quotas)
        return cls(code or grpc.StatusCode.UNKNOWN, message or "", request_id=request_id, **kwargs)
