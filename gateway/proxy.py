"""Forwarding `/api/v1/<service>/…` to the service: bodies passed through, request id and trace context carried.

The HTTP client is `gateway.forwarder` (aiohttp; it says why). Per upstream: a circuit breaker (open → 503 with
Retry-After, no call made); reads (GET/HEAD) that got no answer are retried a few times, writes never. No answer
becomes 503 problem+json with Retry-After; a timeout 504; a body over the size limit 413 (`shared.request_guard`).

An answer that states a length up to `BUFFERED_BYTES` (every single-resource read and page does) is read whole and
sent as one response; only larger or unsized answers are streamed. Streaming costs a task group and two tasks per
request in Starlette (`StreamingResponse` listens for a disconnect while it sends), which `bench.gateway_read`
found among the largest costs of a proxied read.
"""
from __future__ import annotations

import asyncio
from urllib.parse import quote_from_bytes

import aiohttp
from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from starlette.background import BackgroundTask

from gateway.breaker import CircuitBreaker
from gateway.forwarder import Forwarder, NoAnswer, UpstreamDown, UpstreamTimeout, for_the_wire
from shared import context
from shared.errors import DomainError, NotFound, Unavailable
from shared.http import REQUEST_ID

PATH_SAFE = "/%:@!$&'()*+,;=-._~"  # RFC 3986 pchar and '/', and '%' of what the client already encoded

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
              "transfer-encoding", "upgrade", "host", "content-length", "date", "server"}
_HOP_BY_HOP_RAW = {name.encode() for name in HOP_BY_HOP}
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
IDEMPOTENT_READS = {"GET", "HEAD"}
BUFFERED_BYTES = 256 * 1024
STREAM_CHUNK = 64 * 1024


class GatewayTimeout(DomainError):
    status = 504
    code = "upstream-timeout"
    title = "The service did not answer in time"


def router(upstreams: dict[str, str], forwarder: Forwarder, *, breakers: dict[str, CircuitBreaker],
           guard, read_retries: int) -> APIRouter:
    api = APIRouter()

    async def forward(request: Request) -> Response:
        # FastAPI records the matched route in the scope only for its own routes; the request metrics label each
        # request with its route template from there (`shared.metrics`).
        request.scope["route"] = templates["path" in request.path_params]
        await guard(request)
        service = request.path_params["service"]
        base = upstreams.get(service)
        if base is None:
            raise NotFound(f"no service named {service!r}; known: {', '.join(sorted(upstreams))}")
        body = await request.body()  # already read, within the size limit, by `shared.request_guard`
        headers = for_the_wire(_forwarded_headers(request))  # refused before the breaker counts anything
        breakers[service].before_call()
        retries = read_retries if request.method in IDEMPOTENT_READS else 0
        response = await _send(forwarder, request.method, base + _raw_target(request), headers, body,
                               service, breakers[service], retries)
        if _sized_within(response, BUFFERED_BYTES):
            try:
                content = await _read(response, service)
            finally:
                response.release()
            return _answer(Response(content, status_code=response.status), response)
        streamed = StreamingResponse(response.content.iter_chunked(STREAM_CHUNK), status_code=response.status,
                                     background=BackgroundTask(response.release))
        return _answer(streamed, response)

    # Plain Starlette routes, not FastAPI's: nothing here is validated or documented by FastAPI, and its request
    # handling (dependency solving among it) was ~20 % of the gateway's CPU per forwarded read in the profile
    # (`bench.gateway_read --profile gateway`). The guard is called first, as the dependency was. A service's collection root (`POST /api/v1/markets`) has its own
    # route: without it the request got a 307 to `…/markets/`.
    for path in ("/api/v1/{service}", "/api/v1/{service}/{path:path}"):
        api.add_route(path, forward, methods=METHODS, include_in_schema=False)
    templates = {False: api.routes[-2], True: api.routes[-1]}  # the collection root; a path below it
    return api


def _answer(out: Response, upstream: aiohttp.ClientResponse) -> Response:
    """The service's headers as it sent them, repeated ones (`Set-Cookie`, `Link`) kept apart, hop-by-hop ones
    dropped; the length is the gateway's own."""
    out.raw_headers.extend((name.lower(), value) for name, value in upstream.raw_headers
                           if name.lower() not in _HOP_BY_HOP_RAW)
    return out


def _sized_within(response: aiohttp.ClientResponse, limit: int) -> bool:
    length = response.headers.get("content-length", "")
    return length.isdigit() and int(length) <= limit


async def _read(response: aiohttp.ClientResponse, service: str) -> bytes:
    """The body as the service encoded it (a compressed answer stays compressed, as when it is streamed)."""
    try:
        return await response.read()
    except asyncio.TimeoutError:
        raise GatewayTimeout(f"{service} did not finish its answer in time") from None
    except aiohttp.ClientError as exc:
        raise Unavailable(f"{service} broke off its answer ({type(exc).__name__}); retry shortly") from None


def _raw_target(request: Request) -> str:
    """The path and query as the client encoded them: the decoded path may hold characters a client library would
    refuse or re-encode differently."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string", b"")
    target = quote_from_bytes(raw, safe=PATH_SAFE)
    return f"{target}?{quote_from_bytes(query, safe=PATH_SAFE + '?')}" if query else target


async def _send(forwarder: Forwarder, method: str, url: str, headers: dict[str, str], body: bytes, service: str,
                breaker: CircuitBreaker, retries: int) -> aiohttp.ClientResponse:
    for attempt in range(retries + 1):
        try:
            response = await forwarder.send(method, url, headers, body)
        except NoAnswer as exc:
            if attempt < retries:
                await asyncio.sleep(0.05 * 2**attempt)
                continue
            breaker.failed()
            raise Unavailable(f"{service} is unreachable ({exc}); retry shortly") from None
        except UpstreamTimeout:
            breaker.failed()
            raise GatewayTimeout(f"{service} did not answer in time") from None
        except UpstreamDown as exc:
            breaker.failed()
            raise Unavailable(f"{service} is unreachable ({exc}); retry shortly") from None
        breaker.succeeded()
        return response
    raise AssertionError("unreachable")


def _forwarded_headers(request: Request) -> dict[str, str]:
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
    sent = headers.pop(REQUEST_ID.lower(), "")  # Starlette's keys are lower-case: one header upstream, not two
    headers[REQUEST_ID] = context.correlation_id.get() or sent
    headers["X-Forwarded-For"] = request.client.host if request.client else ""
    return headers
