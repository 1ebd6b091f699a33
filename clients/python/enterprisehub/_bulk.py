"""Bulk loading over PublishFactStream: chunks, acknowledgements, resending after a break."""

from __future__ import annotations

import collections
import dataclasses
import itertools
import threading
import time
from typing import Callable, Deque, Iterable, Iterator, List, Optional

import grpc

from enterprisehub._errors import HubError
from enterprisehub.v1 import exchange_pb2, facts_pb2

_RESEND_ON = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.INTERNAL,
                        grpc.StatusCode.UNKNOWN, grpc.StatusCode.CANCELLED, grpc.StatusCode.ABORTED})


@dataclasses.dataclass
class BulkProgress:
    """How far a bulk load has come; passed to the progress callback after every acknowledgement."""

    stored: int = 0
    """Facts stored by the hub."""
    duplicates: int = 0
    """Facts the hub already held under their record ids (e.g. resent after a break)."""
    chunks: int = 0
    """Chunks acknowledged."""
    last_sequence: int = 0
    """The highest sequence acknowledged so far."""
    resends: int = 0
    """How many times the stream broke and was opened again."""

    @property
    def facts(self) -> int:
        """Facts acknowledged, stored or duplicate."""
        return self.stored + self.duplicates


def bulk_publish(open_stream: Callable[[Iterator[exchange_pb2.PublishFactStreamRequest]], "grpc.Call"],
                 drafts: Iterable[facts_pb2.FactDraft], *, chunk_size: int, window: int,
                 on_progress: Optional[Callable[[BulkProgress], None]], max_resends: int) -> BulkProgress:
    """Streams ``drafts`` in chunks, at most ``window`` unacknowledged, resending after a break."""
    source = iter(drafts)
    pending: Deque[List[facts_pb2.FactDraft]] = collections.deque()
    progress = BulkProgress()
    lock = threading.Condition()

    def chunks() -> Iterator[List[facts_pb2.FactDraft]]:
        while True:
            chunk = list(itertools.islice(source, chunk_size))
            if not chunk:
                return
            yield chunk

    fresh = chunks()

    def requests(stop: threading.Event) -> Iterator[exchange_pb2.PublishFactStreamRequest]:
        with lock:
            resend = list(pending)
        for chunk in resend:
            yield exchange_pb2.PublishFactStreamRequest(facts=chunk)
        while True:
            with lock:
                while len(pending) >= window and not stop.is_set():
                    lock.wait(1.0)
                if stop.is_set():
                    return
                chunk = next(fresh, None)
                if chunk is None:
                    return
                pending.append(chunk)
            yield exchange_pb2.PublishFactStreamRequest(facts=chunk)

    while True:
        stop = threading.Event()
        call = open_stream(requests(stop))
        try:
            for ack in call:
                with lock:
                    pending.popleft()
                    progress.stored += ack.stored
                    progress.duplicates += ack.duplicates
                    progress.chunks += 1
                    progress.last_sequence = max(progress.last_sequence, ack.last_sequence)
                    lock.notify_all()
                if on_progress is not None:
                    on_progress(dataclasses.replace(progress))
            with lock:
                if not pending:
                    return progress
        except grpc.RpcError as error:
            hub_error = HubError.from_rpc_error(error)
            if hub_error.code not in _RESEND_ON or progress.resends >= max_resends:
                raise hub_error from None
        finally:
            stop.set()
            with lock:
                lock.notify_all()
        progress.resends += 1
        time.sleep(min(0.2 * 2 ** progress.resends, 5.0))
