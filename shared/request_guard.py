"""What every process refuses before routing, the same at a service's own port as at the gateway (OWASP API4:
unrestricted resource consumption): a body over the size limit (413), oversized headers (431), JSON nested deeper
than any form of ours (422 — `json.loads` and the validators recurse, and a few thousand levels ended in a
`RecursionError`, answered 500), and text no database can store (422, `shared.text_guard`).

Pure ASGI: the body is read once, up to the limit, and replayed to the app.
"""
from __future__ import annotations

import re

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.errors import DomainError, InvalidInput
from shared.text_guard import field_problems, request_problems

MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_HEADER_BYTES = 16 * 1024
"""All request headers together; a browser's or portal's are a few hundred bytes (nginx refuses lines over 8 KiB)."""
MAX_JSON_DEPTH = 32
"""Our deepest form nests 4 levels; 32 leaves room and stops a body built to exhaust the parser's recursion."""
_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class PayloadTooLarge(DomainError):
    status = 413
    code = "payload-too-large"
    title = "The request body is too large"


class HeadersTooLarge(DomainError):
    status = 431
    code = "headers-too-large"
    title = "The request headers are too large"


def json_depth(body: bytes) -> int:
    """How deep arrays and objects nest in a JSON text (strings skipped, so a `[` inside one does not count).
    Only bodies with more openers than the limit are scanned token by token."""
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return 0
    depth = deepest = 0
    for token in _JSON_TOKENS.finditer(body):
        first = token.group()[:1]
        if first in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif first in (b"]", b"}"):
            depth -= 1
    return deepest


def header_bytes(scope: Scope) -> int:
    return sum(len(name) + len(value) for name, value in scope.get("headers", []))


def refusal(scope: Scope, body: bytes) -> DomainError | None:
    """The first reason to refuse this request unread by any route, or None."""
    content_type = dict(scope.get("headers", [])).get(b"content-type", b"").decode("latin-1")
    if "json" in content_type and json_depth(body) > MAX_JSON_DEPTH:
        return InvalidInput.on("body", "json-depth", f"JSON may nest at most {MAX_JSON_DEPTH} levels deep")
    problems = request_problems(scope, body)
    if problems:
        return InvalidInput("The request holds text that cannot be stored or shown as sent",
                            errors=field_problems(problems))
    return None


class RequestGuard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int = MAX_BODY_BYTES,
                 max_header_bytes: int = MAX_HEADER_BYTES) -> None:
        self.app, self.max_body, self.max_headers = app, max_body_bytes, max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if header_bytes(scope) > self.max_headers:
            return await _refuse(HeadersTooLarge(f"the headers hold more than {self.max_headers} bytes"),
                                 scope, receive, send)
        messages, size = await _read_body(receive, self.max_body)
        if size > self.max_body:
            return await _refuse(PayloadTooLarge(f"the body exceeds the limit of {self.max_body} bytes"),
                                 scope, receive, send)
        error = refusal(scope, b"".join(m.get("body", b"") for m in messages))
        if error is not None:
            return await _refuse(error, scope, receive, send)
        await self.app(scope, _replay(messages, receive), send)


async def _refuse(error: DomainError, scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse(error.problem(scope.get("path")), status_code=error.status,
                            media_type="application/problem+json")
    await response(scope, receive, send)


async def _read_body(receive: Receive, limit: int) -> tuple[list[Message], int]:
    """The request's messages, stopping as soon as the body passes `limit` (the rest is never read)."""
    messages, size = [], 0
    while True:
        message = await receive()
        messages.append(message)
        size += len(message.get("body", b""))
        if size > limit or message["type"] != "http.request" or not message.get("more_body", False):
            return messages, size


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
