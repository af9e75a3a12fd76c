"""The HTTP client that carries a proxied request to its service (aiohttp), and what its failures mean.

Why aiohttp here while the rest of the project calls out with httpx: forwarding is the gateway's hot path, and an
httpx request cost 0.8–1.1 ms of CPU against aiohttp's 0.1 ms in the same loop, same upstream, same headers
(issue 24, `docs/benchmarks.md`): aiohttp parses responses in C (llhttp) and has no anyio layer or per-request
pool scan, which the gateway's profile put at ~46 % of its CPU. The few other calls (catalogue documents, health
probes, JWKS) stay on httpx, where a millisecond does not matter and the test doubles are httpx's own.

Its CLIENT span is made here rather than by OpenTelemetry's aiohttp instrumentation: that one hooks aiohttp's
tracing signals at five points of every request, ~15 % of the gateway's CPU per proxied read in the profile, where
one span around the call is ~10 % (`bench.gateway_read --profile gateway`). The span ends when the status line
and headers are in, as the instrumentation's did; a streamed body is the proxy's SERVER span's time.

Connections to a service are kept alive for less time than uvicorn keeps them (5 s), so the gateway closes an idle
one before the service does, instead of racing a write into a connection being closed.
"""
from __future__ import annotations

import asyncio
import re

import aiohttp
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from yarl import URL

from shared.errors import DomainError

_tracer = trace.get_tracer(__name__)
KEEPALIVE_SECONDS = 4.0  # below uvicorn's `timeout_keep_alive` (5 s)
_FIELD_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_FIELD_VALUE_FORBIDDEN = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # RFC 9110 §5.5: no CTL except HTAB


class NotForwardable(DomainError):
    """The caller's request cannot be put on the wire as HTTP/1.1 (a header value with a control character that
    the server in front accepted, say): the caller's fault, so a 400 that names it, and never a breaker failure —
    or any client could open the circuit for everyone with one malformed header."""

    status = 400
    code = "request-not-forwardable"
    title = "The request cannot be forwarded"


class UpstreamDown(Exception):
    """The service could not be reached, or dropped the connection before answering."""


class UpstreamTimeout(Exception):
    """The service took longer than the gateway waits."""


class NoAnswer(UpstreamDown):
    """No answer came: the connection was refused, not made in time, or dropped before the status line. A read may
    be tried again; a write never is, as it may have arrived."""


def for_the_wire(headers: dict[str, str]) -> dict[str, str]:
    """The caller's headers as aiohttp will send them the same bytes, or a refusal naming the header that HTTP/1.1
    does not allow (RFC 9110 §5.1, §5.5), before anything is sent.

    Starlette decodes header bytes as Latin-1 and aiohttp encodes them as UTF-8, so a non-ASCII value is turned
    back into the text its bytes spell in UTF-8; bytes that are not UTF-8 are refused rather than altered."""
    wire = {}
    for name, value in headers.items():
        if not _FIELD_NAME.fullmatch(name) or _FIELD_VALUE_FORBIDDEN.search(value):
            raise NotForwardable(f"header {name!r} holds a character HTTP/1.1 does not allow in a header")
        if not value.isascii():
            try:
                value = value.encode("latin-1").decode("utf-8")
            except UnicodeError:
                raise NotForwardable(f"header {name!r} is neither ASCII nor UTF-8") from None
        wire[name] = value
    return wire


class Forwarder:
    """One connection pool to all services, created on first use (aiohttp binds a session to the running loop)."""

    def __init__(self, timeout: float, *, connect_timeout: float = 2.0, max_connections: int = 1000) -> None:
        # Per read, not for the whole exchange (as httpx's timeout was): a long streamed answer that keeps coming
        # is not cut off.
        self._timeout = aiohttp.ClientTimeout(total=None, sock_connect=connect_timeout, sock_read=timeout)
        self._max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(limit=self._max_connections, keepalive_timeout=KEEPALIVE_SECONDS,
                                         ttl_dns_cache=300)
        # The answer goes back as the service encoded it (a gzip body stays gzip); no default User-Agent or
        # Accept-Encoding added to what the caller sent.
        return aiohttp.ClientSession(connector=connector, timeout=self._timeout, auto_decompress=False,
                                     skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"))

    async def send(self, method: str, url: str, headers: dict[str, str], body: bytes) -> aiohttp.ClientResponse:
        """The service's response with its body unread; the caller reads or streams it and then `release()`s it."""
        if self._session is None:
            self._session = self._open()
        with _tracer.start_as_current_span(method, kind=SpanKind.CLIENT,
                                           attributes={"http.method": method, "http.url": url}) as span:
            propagate.inject(headers)  # `traceparent`: the service's span continues this trace
            response = await self._request(method, url, headers, body)
            span.set_attribute("http.status_code", response.status)
            if response.status >= 500:
                span.set_status(Status(StatusCode.ERROR))
            return response

    async def _request(self, method: str, url: str, headers: dict[str, str], body: bytes) -> aiohttp.ClientResponse:
        try:
            return await self._session.request(method, URL(url, encoded=True), headers=headers, data=body or None,
                                               allow_redirects=False)
        except (aiohttp.ConnectionTimeoutError, aiohttp.ClientConnectorError, aiohttp.ServerDisconnectedError) as exc:
            raise NoAnswer(type(exc).__name__) from exc
        except (asyncio.TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise UpstreamTimeout(type(exc).__name__) from exc
        except aiohttp.ClientError as exc:
            raise UpstreamDown(type(exc).__name__) from exc

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
