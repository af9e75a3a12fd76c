"""HTTP concerns every process shares: problem+json rendering (RFC 9457) and the request id."""
from __future__ import annotations

import logging
import re
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared import context
from shared.errors import PROBLEM_BASE, DomainError, FieldProblem, InvalidInput, Unavailable
from shared.mongo import UNAVAILABLE_ERRORS
from shared.request_guard import MAX_BODY_BYTES, RequestGuard

PROBLEM_JSON = "application/problem+json"
REQUEST_ID = "X-Request-ID"
_REQUEST_ID_KEY = REQUEST_ID.lower().encode()
_SANE_REQUEST_ID = re.compile(rb"[A-Za-z0-9][A-Za-z0-9._:+=/-]{0,127}")
"""A caller's id is kept only if it looks like one (a UUID, a trace id, a short token): it becomes the correlation id
of every event and log line the request causes, so 3 KB of arbitrary text must not."""
log = logging.getLogger(__name__)


def problem_response(body: dict, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=body["status"], media_type=PROBLEM_JSON, headers=headers)


def install(app: FastAPI, *, max_body_bytes: int = MAX_BODY_BYTES) -> None:
    """Problem handlers for domain errors, validation, HTTP errors, unavailable servers and the unexpected; the
    request guard (sizes, JSON depth, storable text) and the request id."""

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        headers = {"Retry-After": "5"} if isinstance(exc, Unavailable) else None
        return problem_response(exc.problem(request.url.path), headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [_problem(e) for e in exc.errors()]
        error = InvalidInput("The request does not match the expected shape", errors=problems)
        return problem_response(error.problem(request.url.path))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        body = {"type": f"{PROBLEM_BASE}http-{exc.status_code}", "title": str(exc.detail),
                "status": exc.status_code, "instance": request.url.path}
        return problem_response(body, dict(exc.headers or {}))

    async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
        request.state.database_unavailable = True  # the audit record then goes to the log (shared.audit.middleware)
        return problem_response(Unavailable("The database did not answer; retry shortly").problem(
            request.url.path), {"Retry-After": "5"})

    for error in UNAVAILABLE_ERRORS:  # by class, not in the catch-all: Starlette re-raises (and logs) after that one
        app.add_exception_handler(error, _unavailable)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        body = {"type": f"{PROBLEM_BASE}internal", "title": "Internal error", "status": 500,
                "instance": request.url.path}
        return problem_response(body)

    app.add_middleware(RequestGuard, max_body_bytes=max_body_bytes)
    app.add_middleware(RequestIdMiddleware)


class RequestIdMiddleware:
    """Accept the caller's X-Request-ID when it is sane (else make one); it becomes the correlation id of every event
    caused.

    Pure ASGI: as a BaseHTTPMiddleware it ran the app in an extra task and piped every body chunk through a
    memory stream, one of the larger framework costs per proxied request in the gateway (bench/gateway_read.py)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        sent = next((v for k, v in scope["headers"] if k == _REQUEST_ID_KEY), b"")
        request_id = sent.decode("ascii") if _SANE_REQUEST_ID.fullmatch(sent) else str(uuid.uuid4())
        echoed = (_REQUEST_ID_KEY, request_id.encode("latin-1"))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != _REQUEST_ID_KEY]
                message = {**message, "headers": [*headers, echoed]}
            await send(message)

        tokens = (context.correlation_id.set(request_id), context.causation_id.set(request_id))
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            context.correlation_id.reset(tokens[0])
            context.causation_id.reset(tokens[1])


def _problem(error: dict) -> FieldProblem:
    if error["type"] == "json_invalid":  # its `loc` is ("body", <byte offset>): the offset is no field
        position = error["loc"][-1] if len(error["loc"]) > 1 else "?"
        return FieldProblem("body", "json-syntax", f"the body is not valid JSON (at character {position})")
    return FieldProblem(_field_path(error["loc"]), error["type"], error["msg"])


def _field_path(loc: tuple) -> str:
    parts = [str(p) for p in loc]
    return ".".join(parts[1:] if parts and parts[0] in {"body", "query", "path", "header"} else parts)
