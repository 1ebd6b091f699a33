"""The hub client: one mutual-TLS channel, typed stubs, and the calls departments make most."""

from __future__ import annotations

import pathlib
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

import grpc

from enterprisehub._bulk import BulkProgress, bulk_publish
from enterprisehub._channel import REQUEST_ID, new_request_id, secure_channel
from enterprisehub._errors import HubError
from enterprisehub._streams import ResumableStream
from enterprisehub.v1 import (audit_pb2, audit_pb2_grpc, catalog_pb2, catalog_pb2_grpc, credit_pb2,
                              credit_pb2_grpc, directory_pb2, directory_pb2_grpc, exchange_pb2,
                              exchange_pb2_grpc, facts_pb2, forms_pb2_grpc, proactive_pb2,
                              proactive_pb2_grpc)

Pem = Union[bytes, str]
PathLike = Union[str, pathlib.Path]


def _bytes(pem: Pem) -> bytes:
    return pem.encode() if isinstance(pem, str) else pem


class Hub:
    """A client of EnterpriseHub over mutual TLS.

    Every call carries an ``x-request-id`` (a fresh one unless ``request_id=`` is given; the hub
    keeps it as the audit record's correlation id) and a deadline (``timeout=`` seconds, else the
    client's default). A refusal is raised as :class:`HubError`. Reads and publishes are retried
    on ``UNAVAILABLE`` by gRPC's retry policy; streams resume by themselves.

    The generated stubs are there for every other call: :attr:`directory`, :attr:`exchange`,
    :attr:`catalog`, :attr:`audit`, :attr:`forms`, :attr:`credit`, :attr:`proactive`; call them
    through :meth:`call` to get the same request id, deadline and errors.

    Example::

        with Hub.from_files("127.0.0.1:7443", ca="certs/ca.crt", cert="certs/tax.crt",
                            key="certs/tax.key") as hub:
            enterprise = hub.get_enterprise("91440115MA5HUB013L", purpose="demo", officer_id="tax-1")
    """

    def __init__(self, address: str, *, ca: Pem, cert: Pem, key: Pem, timeout: float = 10.0,
                 server_name: Optional[str] = None, max_attempts: int = 5) -> None:
        """Opens a channel to ``address`` (``host:port`` or ``https://host:port``) from PEM text."""
        self.timeout = timeout
        pems = (_bytes(ca), _bytes(cert), _bytes(key))
        self._channel = secure_channel(address, *pems, server_name=server_name, max_attempts=max_attempts)
        self._stream_channel = lambda: secure_channel(address, *pems, server_name=server_name, retries=False)
        self.directory = directory_pb2_grpc.EnterpriseDirectoryStub(self._channel)
        self.exchange = exchange_pb2_grpc.FactExchangeStub(self._channel)
        self.catalog = catalog_pb2_grpc.CatalogStub(self._channel)
        self.audit = audit_pb2_grpc.AuditStub(self._channel)
        self.forms = forms_pb2_grpc.FormsStub(self._channel)
        self.credit = credit_pb2_grpc.CreditMonitorStub(self._channel)
        self.proactive = proactive_pb2_grpc.ProactiveServiceStub(self._channel)

    @classmethod
    def from_files(cls, address: str, *, ca: PathLike, cert: PathLike, key: PathLike, **options) -> "Hub":
        """Opens a client from PEM files: the hub's CA, this department's certificate and key."""
        read = lambda path: pathlib.Path(path).read_bytes()  # noqa: E731
        return cls(address, ca=read(ca), cert=read(cert), key=read(key), **options)

    def close(self) -> None:
        """Closes the channel; calls in progress are cancelled."""
        self._channel.close()

    def __enter__(self) -> "Hub":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- any call -------------------------------------------------------------------------------

    def _metadata(self, request_id: Optional[str]) -> tuple:
        return ((REQUEST_ID, request_id or new_request_id()),)

    def call(self, method: Callable, request, *, timeout: Optional[float] = None,
             request_id: Optional[str] = None):
        """Calls a unary stub method with a request id and a deadline, raising :class:`HubError`."""
        metadata = self._metadata(request_id)
        try:
            return method(request, timeout=self.timeout if timeout is None else timeout, metadata=metadata)
        except grpc.RpcError as error:
            raise HubError.from_rpc_error(error) from None

    def _pages(self, method: Callable, request, items: str, **kw) -> Iterator:
        while True:
            response = self.call(method, request, **kw)
            yield from getattr(response, items)
            if not response.next_page_token:
                return
            request.page_token = response.next_page_token

    # -- reads ----------------------------------------------------------------------------------

    def get_enterprise(self, uscc: str, *, purpose: str, officer_id: str, fact_types: Sequence[str] = (),
                       acting_for: str = "", **kw) -> directory_pb2.Enterprise:
        """One enterprise's current facts that the caller may read (``withheld_fact_types`` names the rest)."""
        request = directory_pb2.GetEnterpriseRequest(uscc=uscc, purpose=purpose, officer_id=officer_id,
                                                     fact_types=fact_types, acting_for=acting_for)
        return self.call(self.directory.GetEnterprise, request, **kw).enterprise

    def batch_get_enterprises(self, usccs: Sequence[str], *, purpose: str, officer_id: str,
                              fact_types: Sequence[str] = (), **kw) -> directory_pb2.BatchGetEnterprisesResponse:
        """Up to 100 enterprises at once; unknown codes come back in ``not_found_usccs``."""
        request = directory_pb2.BatchGetEnterprisesRequest(usccs=usccs, purpose=purpose, officer_id=officer_id,
                                                           fact_types=fact_types)
        return self.call(self.directory.BatchGetEnterprises, request, **kw)

    def search_enterprises(self, *, purpose: str, officer_id: str, name_contains: str = "", zone: str = "",
                           industry: str = "", page_size: int = 0, **kw) -> Iterator[directory_pb2.Enterprise]:
        """Every matching enterprise (without facts), in code order, fetched a page at a time."""
        request = directory_pb2.SearchEnterprisesRequest(
            name_contains=name_contains, zone=zone, industry=industry, page_size=page_size,
            purpose=purpose, officer_id=officer_id)
        return self._pages(self.directory.SearchEnterprises, request, "enterprises", **kw)

    def fact_history(self, uscc: str, *, purpose: str, officer_id: str, fact_type: str = "",
                     page_size: int = 0, acting_for: str = "", **kw) -> Iterator[facts_pb2.Fact]:
        """Every fact ever published about an enterprise, newest first, superseded ones included."""
        request = directory_pb2.GetFactHistoryRequest(uscc=uscc, fact_type=fact_type, page_size=page_size,
                                                      purpose=purpose, officer_id=officer_id, acting_for=acting_for)
        return self._pages(self.directory.GetFactHistory, request, "facts", **kw)

    def access_log(self, uscc: str, *, acting_for: str = "", page_size: int = 0,
                   **kw) -> Iterator[audit_pb2.AccessRecord]:
        """Who read an enterprise's data, when and why (admin, or the portal for its enterprise)."""
        request = audit_pb2.ListAccessRequest(uscc=uscc, acting_for=acting_for, page_size=page_size)
        return self._pages(self.audit.ListAccess, request, "records", **kw)

    def notices(self, uscc: str, *, acting_for: str = "", page_size: int = 0,
                **kw) -> Iterator[proactive_pb2.Notice]:
        """An enterprise's inbox, newest first."""
        request = proactive_pb2.ListNoticesRequest(uscc=uscc, acting_for=acting_for or uscc, page_size=page_size)
        return self._pages(self.proactive.ListNotices, request, "notices", **kw)

    def risk_enterprises(self, min_level: int, *, purpose: str, officer_id: str, zone: str = "",
                         page_size: int = 0, **kw) -> Iterator[credit_pb2.RiskEnterprise]:
        """Enterprises at ``min_level`` (a ``credit_pb2.CreditLevel``) or worse, in code order."""
        request = credit_pb2.ListRiskEnterprisesRequest(min_level=min_level, zone=zone, page_size=page_size,
                                                        purpose=purpose, officer_id=officer_id)
        return self._pages(self.credit.ListRiskEnterprises, request, "enterprises", **kw)

    # -- grants ---------------------------------------------------------------------------------

    def request_grant(self, fact_type: str, *, purpose: str, legal_basis: str, wanted_until=None,
                      **kw) -> catalog_pb2.Grant:
        """Asks the owner of a conditional fact type to let this department read it."""
        request = catalog_pb2.RequestGrantRequest(fact_type=fact_type, purpose=purpose, legal_basis=legal_basis)
        if wanted_until is not None:
            request.wanted_until.FromDatetime(wanted_until)
        return self.call(self.catalog.RequestGrant, request, **kw).grant

    def decide_grant(self, grant_id: int, *, approve: bool, reason: str = "", **kw) -> catalog_pb2.Grant:
        """Approves or refuses a grant request for one of this department's fact types."""
        request = catalog_pb2.DecideGrantRequest(grant_id=grant_id, approve=approve, reason=reason)
        return self.call(self.catalog.DecideGrant, request, **kw).grant

    def grant_requests(self, state: int = 0, **kw) -> Iterator[catalog_pb2.Grant]:
        """Grant requests for this department's fact types, or made by it, in one state (all when 0)."""
        return iter(self.call(self.catalog.ListGrantRequests, catalog_pb2.ListGrantRequestsRequest(state=state),
                              **kw).grants)

    # -- publishing -----------------------------------------------------------------------------

    def publish_facts(self, drafts: Iterable[facts_pb2.FactDraft], **kw) -> Sequence[exchange_pb2.PublishResult]:
        """Publishes up to 5,000 facts, all or nothing; a repeat returns the stored sequences as duplicates."""
        request = exchange_pb2.PublishFactsRequest(facts=list(drafts))
        return list(self.call(self.exchange.PublishFacts, request, **kw).results)

    def bulk_publish(self, drafts: Iterable[facts_pb2.FactDraft], *, chunk_size: int = 1000, window: int = 4,
                     on_progress: Optional[Callable[[BulkProgress], None]] = None, max_resends: int = 5,
                     request_id: Optional[str] = None) -> BulkProgress:
        """Loads any number of facts over ``PublishFactStream``.

        Sends ``chunk_size`` facts per chunk with at most ``window`` chunks unacknowledged, calls
        ``on_progress`` after each acknowledgement, and after a broken stream opens a new one and
        resends from the first unacknowledged chunk (the hub counts what it already held as
        duplicates). Returns the final :class:`BulkProgress`.
        """
        return bulk_publish(lambda requests: self.exchange.PublishFactStream(
            requests, metadata=self._metadata(request_id)), drafts, chunk_size=chunk_size, window=window,
            on_progress=on_progress, max_resends=max_resends)

    # -- streams --------------------------------------------------------------------------------

    def watch_facts(self, *, purpose: str, officer_id: str, after_sequence: int = 0,
                    fact_types: Sequence[str] = (), usccs: Sequence[str] = (), zone: str = "",
                    acting_for: str = "", heartbeat_seconds: int = 0,
                    **stream_options) -> ResumableStream[facts_pb2.Fact]:
        """Facts published after ``after_sequence``, in sequence order, resuming across breaks."""
        def open_stream(channel: grpc.Channel, position: int):
            return exchange_pb2_grpc.FactExchangeStub(channel).WatchFacts(exchange_pb2.WatchFactsRequest(
                after_sequence=position, fact_types=fact_types, usccs=usccs, zone=zone, purpose=purpose,
                officer_id=officer_id, acting_for=acting_for, heartbeat_seconds=heartbeat_seconds),
                metadata=self._metadata(None))
        return ResumableStream(open_stream, _fact_event, position=after_sequence,
                               new_channel=self._stream_channel,
                               **_idle(heartbeat_seconds, stream_options))

    def read_subscription(self, name: str, *, heartbeat_seconds: int = 0,
                          **stream_options) -> ResumableStream[facts_pb2.Fact]:
        """A named subscription's facts from after its last acknowledgement (see :meth:`ack_subscription`)."""
        def open_stream(channel: grpc.Channel, _: int):
            return exchange_pb2_grpc.FactExchangeStub(channel).ReadSubscription(exchange_pb2.ReadSubscriptionRequest(
                name=name, heartbeat_seconds=heartbeat_seconds), metadata=self._metadata(None))
        return ResumableStream(open_stream, _fact_event, new_channel=self._stream_channel,
                               **_idle(heartbeat_seconds, stream_options))

    def ack_subscription(self, name: str, position: int, **kw) -> exchange_pb2.Subscription:
        """Records that every event of the subscription up to ``position`` is processed."""
        request = exchange_pb2.AckSubscriptionRequest(name=name, position=position)
        return self.call(self.exchange.AckSubscription, request, **kw).subscription

    def watch_risk_alerts(self, *, purpose: str, officer_id: str, after_sequence: int = 0, zone: str = "",
                          min_level: int = 0, heartbeat_seconds: int = 0,
                          **stream_options) -> ResumableStream[credit_pb2.RiskAlert]:
        """Credit-level changes after ``after_sequence``, resuming across breaks."""
        def open_stream(channel: grpc.Channel, position: int):
            return credit_pb2_grpc.CreditMonitorStub(channel).WatchRiskAlerts(credit_pb2.WatchRiskAlertsRequest(
                after_sequence=position, zone=zone, min_level=min_level, purpose=purpose, officer_id=officer_id,
                heartbeat_seconds=heartbeat_seconds), metadata=self._metadata(None))
        return ResumableStream(open_stream, lambda r: _event(r, "alert"), position=after_sequence,
                               new_channel=self._stream_channel,
                               **_idle(heartbeat_seconds, stream_options))

    def watch_notices(self, *, after_sequence: int = 0, heartbeat_seconds: int = 0,
                      **stream_options) -> ResumableStream[proactive_pb2.Notice]:
        """Every notice delivery after ``after_sequence`` (delivery channels), resuming across breaks."""
        def open_stream(channel: grpc.Channel, position: int):
            return proactive_pb2_grpc.ProactiveServiceStub(channel).WatchNotices(proactive_pb2.WatchNoticesRequest(
                after_sequence=position, heartbeat_seconds=heartbeat_seconds), metadata=self._metadata(None))
        return ResumableStream(open_stream, lambda r: _event(r, "notice"), position=after_sequence,
                               new_channel=self._stream_channel,
                               **_idle(heartbeat_seconds, stream_options))


def _idle(heartbeat_seconds: int, options: dict) -> dict:
    # Two missed heartbeats and some slack: the stream is stalled, not idle.
    options.setdefault("idle_timeout", 2 * (heartbeat_seconds or 15) + 5)
    return options


def _event(response, name: str):
    if response.WhichOneof("event") == name:
        item = getattr(response, name)
        return item, item.sequence
    return None, response.heartbeat.position


def _fact_event(response):
    return _event(response, "fact")
