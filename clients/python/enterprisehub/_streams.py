"""Server streams that resume from the last position seen, across broken connections."""

from __future__ import annotations

import logging
import random
import threading
import time
from typing import Callable, Generic, Iterator, Optional, Tuple, TypeVar

import grpc

from enterprisehub._errors import HubError

T = TypeVar("T")
_log = logging.getLogger("enterprisehub.streams")

# A stream that ends with one of these (or ends at all: the hub never closes a watch) is opened
# again after the last position seen. Everything else is the caller's problem and is raised.
RESUMABLE = frozenset({
    grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN,
    grpc.StatusCode.CANCELLED, grpc.StatusCode.ABORTED, grpc.StatusCode.RESOURCE_EXHAUSTED,
})


class ResumableStream(Generic[T]):
    """An iterator over a hub stream's events that reconnects with backoff.

    Each event is yielded once, in order: after a reconnect the stream is opened again after
    :attr:`position`, and anything at or before it is dropped. Heartbeats move the position
    without being yielded. A stream silent for longer than ``idle_timeout`` seconds (the hub
    sends heartbeats, so silence means a stalled connection or a call stuck while the hub
    restarted) is cancelled and opened again. Use it as a context manager or call :meth:`close`
    to stop it (from any thread).
    """

    def __init__(self, open_stream: Callable[[grpc.Channel, int], "grpc.Call"],
                 event_of: Callable[[object], Tuple[Optional[T], int]], *,
                 new_channel: Callable[[], grpc.Channel], position: int = 0,
                 initial_backoff: float = 0.2, max_backoff: float = 5.0,
                 give_up_after: Optional[float] = None, idle_timeout: Optional[float] = 45.0) -> None:
        self._open = open_stream
        self._event_of = event_of
        self.position = position
        """The last sequence seen (an event's or a heartbeat's): where a reconnect resumes."""
        self.reconnects = 0
        """How many times the stream was opened again."""
        self._initial, self._max = initial_backoff, max_backoff
        self._give_up_after = give_up_after
        self._idle_timeout = idle_timeout
        self._last_activity = time.monotonic()
        self._closed = threading.Event()
        self._call: Optional[grpc.Call] = None
        # A channel of the stream's own: a call stuck in gRPC core (seen with grpcio 1.51 when a
        # stream is reopened while the hub shuts down) ignores cancel(), but not a closed channel.
        self._new_channel = new_channel
        self._channel: Optional[grpc.Channel] = None

    def __iter__(self) -> Iterator[T]:
        backoff = self._initial
        failing_since: Optional[float] = None
        while not self._closed.is_set():
            _log.debug("opening the stream after position %d", self.position)
            if self._channel is None:
                self._channel = self._new_channel()
            call = self._call = self._open(self._channel, self.position)
            stalled = self._watch_idle(call)
            delay = backoff
            try:
                for response in call:
                    self._last_activity = time.monotonic()
                    item, position = self._event_of(response)
                    failing_since, backoff = None, self._initial
                    if position <= self.position:
                        continue
                    self.position = position
                    if item is not None:
                        yield item
                        self._last_activity = time.monotonic()
            except grpc.RpcError as error:
                if self._closed.is_set():
                    return
                hub_error = HubError.from_rpc_error(error)
                if stalled.is_set():
                    self._channel = None
                elif hub_error.code not in RESUMABLE:
                    raise hub_error from None
                _log.debug("the stream broke (%s), resuming after %d", hub_error.code.name, self.position)
                if hub_error.retry_delay is not None:
                    delay = max(delay, hub_error.retry_delay)
                failing_since = failing_since or time.monotonic()
                if self._give_up_after is not None and time.monotonic() - failing_since > self._give_up_after:
                    raise hub_error from None
            if self._closed.wait(delay * random.uniform(0.8, 1.2)):
                return
            backoff = min(backoff * 2, self._max)
            self.reconnects += 1

    def _watch_idle(self, call: "grpc.Call") -> threading.Event:
        """Cancels ``call`` once it has been silent for ``idle_timeout``; the event says it did."""
        stalled = threading.Event()
        self._last_activity = time.monotonic()
        if self._idle_timeout is None:
            return stalled

        def watch() -> None:
            while not self._closed.wait(min(1.0, self._idle_timeout)) and self._call is call:
                if time.monotonic() - self._last_activity > self._idle_timeout:
                    _log.debug("the stream was silent for %.0f s; opening it again", self._idle_timeout)
                    stalled.set()
                    call.cancel()
                    if self._channel is not None:
                        self._channel.close()
                    return

        threading.Thread(target=watch, name="enterprisehub-stream-watchdog", daemon=True).start()
        return stalled

    def close(self) -> None:
        """Stops the stream; an iteration in progress ends."""
        self._closed.set()
        if self._call is not None:
            self._call.cancel()
        if self._channel is not None:
            self._channel.close()

    def __enter__(self) -> "ResumableStream[T]":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
