"""Unit tests of the SDK's own logic, without a hub: error decoding, retry config, streams, bulk."""

from __future__ import annotations

import json
import time
import unittest
from typing import Iterator, List

import grpc
from google.protobuf import duration_pb2

from enterprisehub import FactDraft, HubError, ResumableStream
from enterprisehub._bulk import bulk_publish
from enterprisehub._channel import service_config, target_of
from enterprisehub._rpc import error_details_pb2, status_pb2
from enterprisehub.v1 import exchange_pb2, facts_pb2


class FakeRpcError(grpc.RpcError):
    """What grpc raises: a call's code, details and trailers."""

    def __init__(self, code: grpc.StatusCode, details: str = "", trailers: tuple = ()) -> None:
        self._code, self._details, self._trailers = code, details, trailers

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._details

    def trailing_metadata(self) -> tuple:
        return self._trailers


class FakeCall:
    """A server stream that yields its responses, then raises ``error`` if given."""

    def __init__(self, responses: list, error: grpc.RpcError | None = None) -> None:
        self.responses, self.error, self.cancelled = responses, error, False

    def __iter__(self) -> Iterator:
        yield from self.responses
        if self.error is not None:
            raise self.error

    def cancel(self) -> None:
        self.cancelled = True


class FakeChannel:
    """Stands for the stream's own channel."""

    closed = 0

    def close(self) -> None:
        FakeChannel.closed += 1


def status_trailer(code: int, message: str, *details) -> tuple:
    status = status_pb2.Status(code=code, message=message)
    for detail in details:
        status.details.add().Pack(detail)
    return (("grpc-status-details-bin", status.SerializeToString()),)


def fact(sequence: int) -> exchange_pb2.WatchFactsResponse:
    return exchange_pb2.WatchFactsResponse(fact=facts_pb2.Fact(sequence=sequence))


def heartbeat(position: int) -> exchange_pb2.WatchFactsResponse:
    return exchange_pb2.WatchFactsResponse(heartbeat=exchange_pb2.Heartbeat(position=position))


def fact_event(response):
    if response.WhichOneof("event") == "fact":
        return response.fact, response.fact.sequence
    return None, response.heartbeat.position


class HubErrorTest(unittest.TestCase):
    def test_from_rpc_error_status_details_decoded(self) -> None:
        info = error_details_pb2.ErrorInfo(reason="INVALID_USCC", domain="enterprisehub.v1",
                                           metadata={"request_id": "r-1"})
        bad = error_details_pb2.BadRequest(field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field="uscc", description="bad check character")])
        error = HubError.from_rpc_error(FakeRpcError(grpc.StatusCode.INVALID_ARGUMENT, "invalid",
                                                     status_trailer(3, "the code is invalid", info, bad)))
        self.assertEqual(grpc.StatusCode.INVALID_ARGUMENT, error.code)
        self.assertEqual(("INVALID_USCC", "enterprisehub.v1", "r-1"), (error.reason, error.domain, error.request_id))
        self.assertEqual("uscc", error.field_violations[0].field)
        self.assertEqual("the code is invalid", error.message)
        self.assertIsNone(error.retry_delay)

    def test_from_rpc_error_quota_refusal_has_retry_delay(self) -> None:
        quota = error_details_pb2.QuotaFailure(violations=[
            error_details_pb2.QuotaFailure.Violation(subject="tax", description="read calls: 2000 per second")])
        retry = error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=1, nanos=500_000_000))
        error = HubError.from_rpc_error(FakeRpcError(grpc.StatusCode.RESOURCE_EXHAUSTED, "slow down",
                                                     status_trailer(8, "slow down", quota, retry)))
        self.assertEqual(1.5, error.retry_delay)
        self.assertEqual(("tax", "read calls: 2000 per second"), error.quota_violations[0])

    def test_from_rpc_error_without_details_keeps_code_and_request_id(self) -> None:
        error = HubError.from_rpc_error(FakeRpcError(grpc.StatusCode.UNAVAILABLE, "down",
                                                     (("x-request-id", "r-2"),)))
        self.assertEqual((grpc.StatusCode.UNAVAILABLE, "down", "r-2", ""),
                         (error.code, error.message, error.request_id, error.reason))


class ChannelTest(unittest.TestCase):
    def test_service_config_retries_unavailable_on_reads_and_publishes_only(self) -> None:
        config = json.loads(service_config())["methodConfig"][0]
        self.assertEqual(["UNAVAILABLE"], config["retryPolicy"]["retryableStatusCodes"])
        names = config["name"]
        self.assertIn({"service": "enterprisehub.v1.EnterpriseDirectory"}, names)
        self.assertIn({"service": "enterprisehub.v1.FactExchange", "method": "PublishFacts"}, names)
        self.assertNotIn({"service": "enterprisehub.v1.Catalog", "method": "RequestGrant"}, names)

    def test_target_of_strips_the_scheme(self) -> None:
        self.assertEqual("127.0.0.1:7443", target_of("https://127.0.0.1:7443"))
        self.assertEqual("hub:7443", target_of("hub:7443"))


class ResumableStreamTest(unittest.TestCase):
    def test_iter_broken_stream_resumes_after_last_position_without_duplicates(self) -> None:
        unavailable = FakeRpcError(grpc.StatusCode.UNAVAILABLE, "the hub is stopping")
        calls = [FakeCall([fact(11), heartbeat(12)], unavailable),
                 FakeCall([fact(12), fact(13)], unavailable),  # 12 again: dropped
                 FakeCall([fact(14)])]
        opened: List[int] = []

        def open_stream(position: int):
            opened.append(position)
            if len(opened) > len(calls):
                stream.close()
                return FakeCall([])
            return calls[len(opened) - 1]

        stream = ResumableStream(lambda _, p: open_stream(p), fact_event, new_channel=FakeChannel,
                                 position=10, initial_backoff=0.001)
        seen = [f.sequence for f in stream]
        self.assertEqual([11, 13, 14], seen)
        self.assertEqual([10, 12, 13, 14], opened)

    def test_iter_caller_error_is_raised_not_retried(self) -> None:
        denied = FakeRpcError(grpc.StatusCode.PERMISSION_DENIED, "no grant")
        stream = ResumableStream(lambda *_: FakeCall([fact(1)], denied), fact_event, new_channel=FakeChannel,
                                 initial_backoff=0.001)
        with self.assertRaises(HubError) as caught:
            list(stream)
        self.assertEqual(grpc.StatusCode.PERMISSION_DENIED, caught.exception.code)

    def test_iter_gives_up_after_the_configured_time(self) -> None:
        down = FakeRpcError(grpc.StatusCode.UNAVAILABLE, "down")
        stream = ResumableStream(lambda *_: FakeCall([], down), fact_event, new_channel=FakeChannel,
                                 initial_backoff=0.001,
                                 max_backoff=0.005, give_up_after=0.05)
        with self.assertRaises(HubError):
            list(stream)
        self.assertGreater(stream.reconnects, 1)

    def test_iter_silent_stream_is_cancelled_and_opened_again(self) -> None:
        class SilentCall(FakeCall):
            def __iter__(self) -> Iterator:
                while not self.cancelled:
                    time.sleep(0.01)
                raise FakeRpcError(grpc.StatusCode.CANCELLED, "cancelled")

        silent = SilentCall([])
        calls = iter([silent, FakeCall([fact(5)])])
        stream = ResumableStream(lambda *_: next(calls), fact_event, new_channel=FakeChannel,
                                 initial_backoff=0.001, idle_timeout=0.2)
        first = next(iter(stream))
        stream.close()
        self.assertEqual(5, first.sequence)
        self.assertTrue(silent.cancelled)
        self.assertGreaterEqual(FakeChannel.closed, 1)
        self.assertEqual(1, stream.reconnects)


class BulkPublishTest(unittest.TestCase):
    def test_bulk_publish_broken_stream_resends_from_first_unacknowledged_chunk(self) -> None:
        drafts = [FactDraft(uscc="x", source_record_id=f"r{i}") for i in range(10)]
        sent: List[List[str]] = []
        attempt = {"n": 0}

        def open_stream(requests):
            attempt["n"] += 1
            first = attempt["n"] == 1

            def responses():
                chunks = []
                for number, request in enumerate(requests, start=1):
                    chunks.append([d.source_record_id for d in request.facts])
                    sent.append(chunks[-1])
                    if first and number == 2:
                        # The stream breaks after the first ack and a second, unacknowledged chunk.
                        raise FakeRpcError(grpc.StatusCode.UNAVAILABLE, "broken")
                    duplicates = 2 if not first and number == 1 else 0
                    yield exchange_pb2.PublishFactStreamResponse(
                        chunk=number, stored=len(request.facts) - duplicates, duplicates=duplicates,
                        last_sequence=100 + len(sent))

            return responses()

        reports = []
        progress = bulk_publish(open_stream, drafts, chunk_size=2, window=1, on_progress=reports.append,
                                max_resends=3)
        self.assertEqual(["r0", "r1"], sent[0])
        self.assertEqual(sent[1], sent[2])  # the unacknowledged chunk, sent again first
        self.assertEqual(10, progress.facts)
        self.assertEqual((8, 2, 1), (progress.stored, progress.duplicates, progress.resends))
        self.assertEqual(5, len(reports))


if __name__ == "__main__":
    unittest.main()
