"""The mutual-TLS channel: the caller's certificate, the hub's CA alone, gRPC's own retries."""

from __future__ import annotations

import json
import uuid
from typing import Any, Optional

import grpc

REQUEST_ID = "x-request-id"

# Calls that are safe to repeat: reads, and writes the hub makes idempotent (publishes on
# source_record_id, submissions on submission_id, subscriptions by name, acknowledgements that
# never move back). RequestGrant, DecideGrant and the like are left out: a repeat is a new act.
_RETRYABLE = {
    "EnterpriseDirectory": None,
    "FactExchange": ["PublishFacts", "CreateSubscription", "AckSubscription", "ListSubscriptions"],
    "Catalog": ["ListFactTypes", "ListGrantRequests", "ListReadableFactTypes"],
    "Audit": None,
    "CreditMonitor": ["GetCreditProfile", "ListRiskEnterprises"],
    "ProactiveService": ["ListPolicies", "ListNotices", "GetNotice", "MarkRead", "Preview"],
    "Forms": ["ListForms", "Prefill", "Submit", "GetSubmission", "ListSubmissions"],
}


def service_config(max_attempts: int = 5) -> str:
    """The gRPC service config: retry ``UNAVAILABLE`` with exponential backoff on safe calls."""
    names = []
    for service, methods in _RETRYABLE.items():
        full = f"enterprisehub.v1.{service}"
        names += [{"service": full}] if methods is None else [{"service": full, "method": m} for m in methods]
    return json.dumps({"methodConfig": [{
        "name": names,
        "retryPolicy": {
            "maxAttempts": max_attempts,
            "initialBackoff": "0.1s",
            "maxBackoff": "2s",
            "backoffMultiplier": 2,
            "retryableStatusCodes": ["UNAVAILABLE"],
        },
    }]})


def target_of(address: str) -> str:
    """``https://host:port`` (as HUB_ADDRESS is written) or ``host:port`` to a gRPC target."""
    for scheme in ("https://", "grpcs://"):
        if address.startswith(scheme):
            address = address[len(scheme):]
    return address.rstrip("/")


def secure_channel(address: str, ca: bytes, cert: bytes, key: bytes, *,
                   server_name: Optional[str] = None, max_attempts: int = 5, retries: bool = True) -> grpc.Channel:
    """A channel that presents ``cert``/``key`` and trusts only ``ca`` (never the OS store).

    ``retries=False`` is for the resumable streams' own channels: they resume by themselves, and
    a channel of their own can be thrown away when a call is stuck in it.
    """
    credentials = grpc.ssl_channel_credentials(root_certificates=ca, private_key=key, certificate_chain=cert)
    options: list[tuple[str, Any]] = [
        ("grpc.enable_retries", 1 if retries else 0),
        # A hub restart takes seconds; don't let the channel's reconnect backoff grow to minutes.
        # (Not grpc.min_reconnect_backoff_ms: gRPC core uses it as the connect timeout too, and a
        # TLS handshake on a busy machine can take longer than a short one, failing every attempt.)
        ("grpc.initial_reconnect_backoff_ms", 200),
        ("grpc.max_reconnect_backoff_ms", 2000),
        ("grpc.max_receive_message_length", 64 * 1024 * 1024),
    ]
    if retries:
        options.append(("grpc.service_config", service_config(max_attempts)))
    if server_name:
        options.append(("grpc.ssl_target_name_override", server_name))
    return grpc.secure_channel(target_of(address), credentials, options=options)


def new_request_id() -> str:
    """A fresh request id (a UUID4 without dashes)."""
    return uuid.uuid4().hex
