"""Forwarding `/api/v1/<service>/…` to the service: streamed bodies, request id and trace context carried.

The HTTP client's pool is sized well above peak concurrency (httpx's default of 100 connections queues and
times out under load). Per upstream: a circuit breaker (open → 503 with Retry-After, no call made); connection
failures of idempotent reads (GET/HEAD) are retried a few times, writes never. Connection failures become 503
problem+json with Retry-After; timeouts 504; a body over the size limit 413.

An answer that states a length up to `BUFFERED_BYTES` (every single-resource read and page does) is read whole and
sent as one response; only larger or unsized answers are streamed. Streaming costs a task group and two tasks per
request in Starlette (`StreamingResponse` listens for a disconnect while it sends), which `bench.gateway_read`
found among the largest costs of a proxied read.
"""
from __future__ import annotations

import asyncio
from urllib.parse import quote_from_bytes

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse
from starlette.background import BackgroundTask

from gateway.breaker import CircuitBreaker
from shared import context
from shared.errors import DomainError, NotFound, Unavailable
from shared.http import REQUEST_ID

PATH_SAFE = "/%:@!$&'()*+,;=-._~"  # RFC 3986 pchar and '/', and '%' of what the client already encoded

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
              "transfer-encoding", "upgrade", "host", "content-length", "date", "server"}
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
IDEMPOTENT_READS = {"GET", "HEAD"}
RETRYABLE = (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError)
BUFFERED_BYTES = 256 * 1024


class NotForwardable(DomainError):
    """The caller's request cannot be put on the wire as HTTP/1.1 (a header value with a control character that
    the server in front accepted, say): the caller's fault, so a 400 that names it, and never a breaker failure —
    or any client could open the circuit for everyone with one malformed header."""

    status = 400
    code = "request-not-forwardable"
    title = "The request cannot be forwarded"


class GatewayTimeout(DomainError):
    status = 504
    code = "upstream-timeout"
    title = "The service did not answer in time"


def client(timeout: float) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200)
    return httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=2.0), limits=limits)


def router(upstreams: dict[str, str], http: httpx.AsyncClient, *, breakers: dict[str, CircuitBreaker],
           guard, read_retries: int) -> APIRouter:
    api = APIRouter()

    # A service's collection root (`POST /api/v1/markets`) too: without its own route it got a 307 to `…/markets/`.
    @api.api_route("/api/v1/{service}", methods=METHODS, include_in_schema=False, dependencies=[Depends(guard)])
    @api.api_route("/api/v1/{service}/{path:path}", methods=METHODS, include_in_schema=False,
                   dependencies=[Depends(guard)])
    async def forward(service: str, request: Request) -> Response:
        base = upstreams.get(service)
        if base is None:
            raise NotFound(f"no service named {service!r}; known: {', '.join(sorted(upstreams))}")
        body = await request.body()  # already read, within the size limit, by `shared.request_guard`
        breakers[service].before_call()
        upstream = http.build_request(request.method, base + _raw_path(request), params=request.query_params,
                                      headers=_forwarded_headers(request), content=body)
        retries = read_retries if request.method in IDEMPOTENT_READS else 0
        response = await _send(http, upstream, service, breakers[service], retries)
        headers = {k: v for k, v in response.headers.items() if k.lower() not in HOP_BY_HOP}
        if _sized_within(response, BUFFERED_BYTES):
            try:
                return Response(await _read_raw(response), status_code=response.status_code, headers=headers)
            finally:
                await response.aclose()
        return StreamingResponse(response.aiter_raw(), status_code=response.status_code, headers=headers,
                                 background=BackgroundTask(response.aclose))

    return api


def _sized_within(response: httpx.Response, limit: int) -> bool:
    length = response.headers.get("content-length", "")
    return length.isdigit() and int(length) <= limit


async def _read_raw(response: httpx.Response) -> bytes:
    """The body as the service encoded it (a compressed answer stays compressed, as when it is streamed)."""
    return b"".join([chunk async for chunk in response.aiter_raw()])


def _raw_path(request: Request) -> str:
    """The path as the client encoded it: the decoded one may hold control characters httpx refuses (a 500)."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    return quote_from_bytes(raw, safe=PATH_SAFE)


async def _send(http: httpx.AsyncClient, upstream: httpx.Request, service: str, breaker: CircuitBreaker,
                retries: int) -> httpx.Response:
    for attempt in range(retries + 1):
        try:
            response = await http.send(upstream, stream=True)
        except httpx.LocalProtocolError as exc:
            raise NotForwardable(f"the request is not valid HTTP/1.1 once forwarded: {exc}") from None
        except RETRYABLE as exc:
            if attempt < retries:
                await asyncio.sleep(0.05 * 2**attempt)
                continue
            breaker.failed()
            raise Unavailable(f"{service} is unreachable ({type(exc).__name__}); retry shortly") from None
        except httpx.TimeoutException:
            breaker.failed()
            raise GatewayTimeout(f"{service} did not answer in time") from None
        except httpx.TransportError as exc:
            breaker.failed()
            raise Unavailable(f"{service} is unreachable ({type(exc).__name__}); retry shortly") from None
        breaker.succeeded()
        return response
    raise AssertionError("unreachable")


def _forwarded_headers(request: Request) -> dict[str, str]:
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
    sent = headers.pop(REQUEST_ID.lower(), "")  # Starlette's keys are lower-case: one header upstream, not two
    headers[REQUEST_ID] = context.correlation_id.get() or sent
    headers["X-Forwarded-For"] = request.client.host if request.client else ""
    return headers
