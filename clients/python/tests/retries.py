"""gRPC's retry policy as the SDK configures it, against a stand-in server with the hub's TLS.

The stand-in presents the dev PKI's hub certificate (from the conformance hub's folder) and fails
its first calls with UNAVAILABLE, which a real hub cannot be made to do on cue. Its tests run in
test_conformance's module (one hub per suite), on that hub's certificates.
"""

from __future__ import annotations

import concurrent.futures
import pathlib

import grpc

from enterprisehub import Hub, HubError, catalog_pb2, directory_pb2
from tests.hub import HubProcess


class FlakyServer:
    """Answers every call with UNAVAILABLE ``failures`` times, then with an empty reply."""

    def __init__(self, certs: str, failures: int) -> None:
        self.calls: list[tuple[str, str]] = []
        self.failures = failures
        read = lambda name: (pathlib.Path(certs) / name).read_bytes()  # noqa: E731
        credentials = grpc.ssl_server_credentials([(read("hub.key"), read("hub.crt"))],
                                                  root_certificates=read("ca.crt"), require_client_auth=True)
        self.server = grpc.server(concurrent.futures.ThreadPoolExecutor(max_workers=4))
        self.server.add_generic_rpc_handlers([self])
        self.port = self.server.add_secure_port("127.0.0.1:0", credentials)
        self.server.start()

    def service(self, details: grpc.HandlerCallDetails):
        replies = {"/enterprisehub.v1.EnterpriseDirectory/GetEnterprise": directory_pb2.GetEnterpriseResponse,
                   "/enterprisehub.v1.Catalog/RequestGrant": catalog_pb2.RequestGrantResponse}
        reply = replies.get(details.method)
        if reply is None:
            return None
        request_id = dict(details.invocation_metadata).get("x-request-id", "")

        def handle(request: bytes, context: grpc.ServicerContext) -> bytes:
            self.calls.append((details.method, request_id))
            if len(self.calls) <= self.failures:
                context.abort(grpc.StatusCode.UNAVAILABLE, "store down")
            return reply().SerializeToString()

        return grpc.unary_unary_rpc_method_handler(handle)


class RetryPolicyChecks:
    """The tests; test_conformance runs them as ``RetryPolicyTest`` on its hub."""

    hub: HubProcess

    def setUp(self) -> None:
        self.certs = self.hub.env["HUB_CERTS"]

    def client(self, server: FlakyServer) -> Hub:
        certs = self.certs
        return Hub.from_files(f"127.0.0.1:{server.port}", ca=f"{certs}/ca.crt", cert=f"{certs}/tax.crt",
                              key=f"{certs}/tax.key", server_name="localhost")

    def test_read_unavailable_twice_is_retried_with_the_same_request_id(self) -> None:
        server = FlakyServer(self.certs, failures=2)
        try:
            with self.client(server) as hub:
                hub.get_enterprise("91440115MA5HUB013L", purpose="p", officer_id="o", request_id="retry-1")
        finally:
            server.server.stop(None)
        self.assertEqual([("/enterprisehub.v1.EnterpriseDirectory/GetEnterprise", "retry-1")] * 3, server.calls)

    def test_grant_request_unavailable_is_not_repeated(self) -> None:
        server = FlakyServer(self.certs, failures=1)
        try:
            with self.client(server) as hub, self.assertRaises(HubError) as caught:
                hub.request_grant("hrss.insured_headcount", purpose="p", legal_basis="b")
        finally:
            server.server.stop(None)
        self.assertEqual(grpc.StatusCode.UNAVAILABLE, caught.exception.code)
        self.assertEqual(1, len(server.calls))

