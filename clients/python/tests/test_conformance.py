"""The SDKs' conformance scenario against a real hub: real TLS, real certificates, one hub process.

The tests run in their numbered order and share the hub; the last one reads the access log the
earlier ones wrote.
"""

from __future__ import annotations

import base64
import datetime
import pathlib
import queue
import threading
import time
import unittest

import grpc

from enterprisehub import BulkProgress, FactDraft, HubError, ProofError, audit_pb2, catalog_pb2, verify_proof_file
from enterprisehub.audit_proof import Verifier
from tests.hub import HubProcess, uscc
from tests.retries import RetryPolicyChecks

DEMO = "91440115MA5HUB013L"
hub = HubProcess()


def setUpModule() -> None:
    hub.start()


def tearDownModule() -> None:
    hub.stop()


def abnormal(code: str, record: str, reason: str = "test") -> FactDraft:
    draft = FactDraft(uscc=code, fact_type="amr.abnormal_operations", source_record_id=record)
    draft.attributes.update({"listed": True, "reason": reason})
    draft.effective_time.FromDatetime(datetime.datetime(2026, 11, 20))
    return draft


class ConformanceTest(unittest.TestCase):
    correlation_ids: list[str] = []

    def test_1_publish_twice_second_is_duplicate_with_same_sequence(self) -> None:
        with hub.client("amr") as amr:
            first, = amr.publish_facts([abnormal(uscc("440115", 900001), "py-abn-1")])
            again, = amr.publish_facts([abnormal(uscc("440115", 900001), "py-abn-1")])
        self.assertFalse(first.duplicate)
        self.assertTrue(again.duplicate)
        self.assertEqual(first.sequence, again.sequence)

    def test_2_get_enterprise_merges_facts_of_two_departments(self) -> None:
        request_id = "py-conformance-profile"
        with hub.client("tax") as tax:
            enterprise = tax.get_enterprise(DEMO, purpose="conformance", officer_id="tax-0042",
                                            request_id=request_id)
        type(self).correlation_ids.append(request_id)
        self.assertEqual(DEMO, enterprise.uscc)
        self.assertTrue(enterprise.name)
        self.assertLessEqual({"amr", "tax"}, {f.publisher for f in enterprise.facts})
        self.assertIn("hrss.insured_headcount", enterprise.withheld_fact_types)

    def test_3_refused_read_is_decoded_into_reason_field_violation_and_request_id(self) -> None:
        with hub.client("tax") as tax, self.assertRaises(HubError) as caught:
            tax.get_enterprise("91440115MA5HUB01XX", purpose="conformance", officer_id="tax-0042")
        error = caught.exception
        self.assertEqual(grpc.StatusCode.INVALID_ARGUMENT, error.code)
        self.assertTrue(error.reason)
        self.assertEqual("enterprisehub.v1", error.domain)
        self.assertTrue(error.request_id)
        self.assertIn("uscc", [v.field for v in error.field_violations])

    def test_3b_deadline_is_per_call(self) -> None:
        with hub.client("tax", timeout=30.0) as tax, self.assertRaises(HubError) as caught:
            tax.get_enterprise(DEMO, purpose="conformance", officer_id="tax-0042", timeout=0.0001)
        self.assertEqual(grpc.StatusCode.DEADLINE_EXCEEDED, caught.exception.code)

    def test_4_grant_requested_approved_by_owner_then_conditional_fact_read(self) -> None:
        with hub.client("customs") as customs, hub.client("hrss") as hrss:
            before = customs.get_enterprise(DEMO, purpose="AEO checks", officer_id="customs-0003")
            self.assertIn("hrss.insured_headcount", before.withheld_fact_types)
            grant = customs.request_grant("hrss.insured_headcount", purpose="AEO checks",
                                          legal_basis="Regulation on government data sharing (2025)",
                                          wanted_until=datetime.datetime(2027, 12, 31))
            pending = list(hrss.grant_requests(catalog_pb2.GRANT_STATE_PENDING))
            self.assertIn(grant.id, [g.id for g in pending])
            decided = hrss.decide_grant(grant.id, approve=True, reason="AEO programme")
            self.assertEqual(catalog_pb2.GRANT_STATE_APPROVED, decided.state)
            after = customs.get_enterprise(DEMO, purpose="AEO checks", officer_id="customs-0003",
                                           request_id="py-conformance-granted")
        type(self).correlation_ids.append("py-conformance-granted")
        self.assertIn("hrss.insured_headcount", [f.fact_type for f in after.facts])
        self.assertNotIn("hrss.insured_headcount", after.withheld_fact_types)

    def test_5_search_pages_through_at_least_three_pages(self) -> None:
        with hub.client("hrss") as hrss:
            pages = []
            original = hrss.call

            def counting(method, request, **kw):
                pages.append(request.page_token)
                return original(method, request, **kw)

            hrss.call = counting  # type: ignore[method-assign]
            found = [e.uscc for e in hrss.search_enterprises(zone="nansha", page_size=400, purpose="conformance",
                                                               officer_id="hrss-0007")]
        self.assertGreaterEqual(len(pages), 3)
        self.assertGreater(len(found), 800)
        self.assertEqual(sorted(found), found)
        self.assertEqual(len(set(found)), len(found))

    def test_6_watch_keeps_going_across_a_hub_restart_without_gap_or_duplicate(self) -> None:
        code = uscc("440115", 900006)
        events: "queue.Queue" = queue.Queue()
        with hub.client("amr") as amr, hub.client("customs") as customs:
            head, = amr.publish_facts([abnormal(code, "py-watch-0")])
            watch = customs.watch_facts(purpose="risk screening", officer_id="customs-0003",
                                        after_sequence=head.sequence, usccs=[code], heartbeat_seconds=1)

            def pump() -> None:
                try:
                    for fact in watch:
                        events.put(fact)
                except Exception as error:  # surfaced to the test below
                    events.put(error)

            threading.Thread(target=pump, daemon=True).start()

            def take(n: int) -> list:
                got = [events.get(timeout=60) for _ in range(n)]
                for item in got:
                    if isinstance(item, Exception):
                        raise item
                return got

            amr.publish_facts([abnormal(code, f"py-watch-{i}") for i in (1, 2, 3)])
            seen = take(3)
            hub.restart()
            amr.publish_facts([abnormal(code, f"py-watch-{i}") for i in (4, 5, 6)])
            seen += take(3)
            watch.close()
        self.assertEqual([f"py-watch-{i}" for i in range(1, 7)], [f.source_record_id for f in seen])
        sequences = [f.sequence for f in seen]
        self.assertEqual(sorted(set(sequences)), sequences)
        self.assertGreaterEqual(watch.reconnects, 1)
        self.assertTrue(events.empty())

    def test_7_bulk_publish_of_20000_facts_reports_progress(self) -> None:
        reports: list[BulkProgress] = []
        drafts = (abnormal(uscc("440115", 800000 + i), f"py-bulk-{i}") for i in range(20_000))
        with hub.client("amr", timeout=60.0) as amr:
            done = amr.bulk_publish(drafts, chunk_size=1000, on_progress=reports.append)
        self.assertEqual(20_000, done.stored + done.duplicates)
        self.assertEqual(20, len(reports))
        self.assertEqual(sorted(r.facts for r in reports), [r.facts for r in reports])
        self.assertEqual(20_000, reports[-1].facts)

    def test_8_access_log_shows_the_scenario_reads(self) -> None:
        with hub.client("admin") as admin:
            records = list(admin.access_log(DEMO, page_size=10))
        correlations = {r.correlation_id for r in records}
        for request_id in self.correlation_ids:
            self.assertIn(request_id, correlations)
        departments = {r.department for r in records}
        self.assertLessEqual({"tax", "customs"}, departments)


    def test_9_a_record_proven_offline_against_the_hubs_signed_checkpoint(self) -> None:
        with hub.client("admin") as admin:
            head = admin.audit.VerifyChain(audit_pb2.VerifyChainRequest()).head_sequence
            # The test hub signs every 0.5 s; a signer that never covers the head fails here.
            deadline = time.monotonic() + 20
            while True:
                try:
                    if admin.audit.GetCheckpoint(audit_pb2.GetCheckpointRequest()).tree_size >= head:
                        break
                except grpc.RpcError as e:
                    if e.code() != grpc.StatusCode.NOT_FOUND:
                        raise
                self.assertLess(time.monotonic(), deadline, f"no checkpoint covers record {head}")
                time.sleep(0.1)
            proof = admin.audit.GetInclusionProof(audit_pb2.GetInclusionProofRequest(sequence=head))
        log = Verifier.from_vkey((pathlib.Path(hub.env["HUB_CERTS"]) / "audit-log.vkey").read_text().strip())

        def proof_file(leaf: bytes) -> str:
            lines = ["c2sp.org/tlog-proof@v1", "extra " + base64.b64encode(leaf).decode(), f"index {proof.leaf_index}"]
            lines += [base64.b64encode(h).decode() for h in proof.hashes]
            return "\n".join(lines) + "\n\n" + proof.checkpoint

        checkpoint = verify_proof_file(proof_file(proof.leaf), None, log)
        self.assertEqual((proof.tree_size, proof.root_hash), (checkpoint.size, checkpoint.root))
        self.assertTrue(checkpoint.origin.startswith("enterprisehub.dev/audit/"))
        with self.assertRaises(ProofError):
            verify_proof_file(proof_file(proof.leaf[:-1] + bytes([proof.leaf[-1] ^ 1])), None, log)


class RetryPolicyTest(RetryPolicyChecks, unittest.TestCase):
    """gRPC's retry policy, on a stand-in server with this hub's certificates (tests/retries.py)."""

    hub = hub


if __name__ == "__main__":
    unittest.main()
