"""EnterpriseHub's Python SDK: mutual-TLS client, typed messages, pages, resumable streams,
and an offline verifier of the audit log's proofs (``enterprisehub.audit_proof``).

Build the generated modules first (``python3 build_protos.py`` in ``clients/python``).
"""

from enterprisehub import audit_proof
from enterprisehub._bulk import BulkProgress
from enterprisehub._client import Hub
from enterprisehub._errors import FieldViolation, HubError
from enterprisehub._streams import ResumableStream
from enterprisehub.audit_proof import ProofError, verify_proof_file
from enterprisehub.v1 import (audit_pb2, catalog_pb2, credit_pb2, directory_pb2, exchange_pb2, facts_pb2,
                              forms_pb2, proactive_pb2)
from enterprisehub.v1.facts_pb2 import Fact, FactDraft

__all__ = ["Hub", "HubError", "FieldViolation", "BulkProgress", "ResumableStream", "Fact", "FactDraft",
           "audit_proof", "ProofError", "verify_proof_file",
           "audit_pb2", "catalog_pb2", "credit_pb2", "directory_pb2", "exchange_pb2", "facts_pb2",
           "forms_pb2", "proactive_pb2"]
