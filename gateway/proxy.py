"""Forwarding `/api/v1/<service>/…` to the service: streamed bodies, request id and trace context carried.

The HTTP client's pool is sized well above peak concurrency (httpx's default of 100 connections queues and
times out under load). Connection failures become 503 problem+json with Retry-After; timeouts 504.
"""
from __future__ import annotations

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from shared import context
from shared.errors import DomainError, NotFound, Unavailable
from shared.http import REQUEST_ID

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
              "transfer-encoding", "upgrade", "host", "content-length", "date", "server"}
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


class GatewayTimeout(DomainError):
    status = 504
    code = "upstream-timeout"
    title = "The service did not answer in time"


def client(timeout: float) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200)
    return httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=2.0), limits=limits)


def router(upstreams: dict[str, str], http: httpx.AsyncClient) -> APIRouter:
    api = APIRouter()

    @api.api_route("/api/v1/{service}/{path:path}", methods=METHODS, include_in_schema=False)
    async def forward(service: str, path: str, request: Request) -> StreamingResponse:
        base = upstreams.get(service)
        if base is None:
            raise NotFound(f"no service named {service!r}; known: {', '.join(sorted(upstreams))}")
        upstream = http.build_request(
            request.method, base + request.url.path, params=request.query_params,
            headers=_forwarded_headers(request), content=request.stream())
        response = await _send(http, upstream, service)
        return StreamingResponse(
            response.aiter_raw(), status_code=response.status_code, background=BackgroundTask(response.aclose),
            headers={k: v for k, v in response.headers.items() if k.lower() not in HOP_BY_HOP})

    return api


async def _send(http: httpx.AsyncClient, upstream: httpx.Request, service: str) -> httpx.Response:
    try:
        return await http.send(upstream, stream=True)
    except httpx.TimeoutException:
        raise GatewayTimeout(f"{service} did not answer in time") from None
    except httpx.TransportError as exc:
        raise Unavailable(f"{service} is unreachable ({type(exc).__name__}); retry shortly") from None


def _forwarded_headers(request: Request) -> dict[str, str]:
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
    headers[REQUEST_ID] = context.correlation_id.get() or headers.get(REQUEST_ID, "")
    headers["X-Forwarded-For"] = request.client.host if request.client else ""
    return headers
