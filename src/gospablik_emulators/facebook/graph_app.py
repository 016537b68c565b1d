"""The WSGI skeleton both Meta Graph emulators (Facebook Page, Instagram) share.

``/{version}/{node}[/{edge}]`` with parameters in the query, a form or a JSON body; the
token checked by the subclass's ``_auth``; the handler found in ``routes`` by (HTTP verb,
the kind of ``node``, edge); errors in the Graph envelope (:mod:`.graph`). Faults are
matched by ``"POST feed"``-style names (verb and edge, or ``node`` for a node itself);
``faults.push("rate_limit")`` injects Graph code 32 (Page request limit). When
``state.callback_url`` is set, each state change is pushed as a webhook signed with
``X-Hub-Signature-256``.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from gospablik.networks.facebook.webhook import SIGNATURE_HEADER, signature

from ..emulation import (
    EmulatedTimeout,
    HeaderMaker,
    PushingEmulator,
    Request,
    ResponseLost,
    StartResponse,
    read_request,
)
from .graph import GraphApiError, fault_response, no_object, send, split_path

Handler = Callable[..., Any]  # (emulator, node, params, req) -> the answer's JSON


def hub_signature(app_secret: str) -> HeaderMaker:
    """Meta's webhook signature header: HMAC-SHA256 of the body with the app secret.

    >>> hub_signature("s")(b"{}")[SIGNATURE_HEADER][:7]
    'sha256='
    """
    return lambda body: {SIGNATURE_HEADER: signature(body, app_secret)}


class GraphEmulator(PushingEmulator):
    rate_limit_code = 32
    routes: ClassVar[dict[tuple[str, str, str], Handler]] = {}

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        req = read_request(environ)
        if req.path == "/__emulator__/state":
            return self.dump_state(start_response)
        try:
            node, edge = split_path(req.path)
        except GraphApiError as error:
            return send(start_response, error.status, error.body())
        name = f"{req.method} {edge or 'node'}"
        fault = self.faults.take(name)
        if fault is not None and fault.kind == "timeout":
            raise EmulatedTimeout(name)
        if fault is not None and fault.kind != "accept_then_drop":
            return fault_response(fault, start_response)
        with self._lock:
            status, body = self.call(req, node, edge)
        if fault is not None:
            raise ResponseLost(name)
        return send(start_response, status, body)

    def call(self, req: Request, node: str, edge: str) -> tuple[int, Any]:
        try:
            params: dict[str, Any] = dict(req.params)
            if "json" in req.headers.get("Content-Type", "") and req.body:
                params.update(req.json())
            self._auth(req, params)
            handler = self.routes.get((req.method, self._node_kind(req, node), edge))
            if handler is None:
                raise GraphApiError(100, f"Unsupported {req.method.lower()} request. Please "
                                    "read the Graph API documentation at "
                                    "https://developers.facebook.com/docs/graph-api", 33,
                                    kind="GraphMethodException")  # fmt: skip
            return 200, handler(self, node, params, req)
        except GraphApiError as error:
            return error.status, error.body()

    def _node_kind(self, req: Request, node: str) -> str:
        try:
            return self._kind(node)
        except GraphApiError as error:
            if error.kind == "GraphMethodException" and req.method != "GET":
                raise no_object(node, req.method) from None
            raise

    @abstractmethod
    def _auth(self, req: Request, params: dict[str, Any]) -> None:
        """Check the access token (``access_token`` or a Bearer header)."""

    @abstractmethod
    def _kind(self, node: str) -> str:
        """What ``node`` is ("page", "post", "media" …); :func:`.graph.no_object` if none."""

    def _deliver(self, payload: dict[str, Any]) -> None:
        if self.state.callback_url:
            signature = hub_signature(self.state.app_secret)
            self.push.deliver(self.state.callback_url, payload, signature)
