"""`Idempotency-Key` on every state-changing request of a service (POST, PUT, PATCH, DELETE under `/api/`).

Pure ASGI, installed by `shared.runtime.create_app` inside the access gate (a caller the gate refuses never gets
here) and inside the request guard (the body is already bounded), around the routes and their error handlers, so it
sees the request's body and the final answer, problem+json included. A request without the header is served as
before. With one:

- the key is claimed for (caller, key) by inserting a document (`shared.idempotency.store`): of two requests with
  one key, in one process or in two replicas, exactly one runs the route; the other gets 409 while the first runs,
  and its answer afterwards;
- the same key with the same request (method, path, query, body: `rules.fingerprint`) answers the stored answer —
  status, body and the headers that matter (`rules.REPLAYED_HEADERS`) — marked `Idempotent-Replayed: true`; with a
  different request it is a 422 naming the header (`idempotency-key-reused`);
- keys are scoped by caller: the token's subject, unit and roles (`rules.caller_of`). A caller the gate refuses
  never gets here. A route's own declaration decides by roles, unit and path, all in the key's scope or
  fingerprint, so a stored answer is replayed only to a caller it let through, and its refusals (401/403) are never
  stored: a refused caller neither stores nor replays anything;
- an answer is stored only below 500 and up to `MAX_ANSWER_BYTES`; otherwise (a 5xx, a crash, a body too large, a
  refusal) the claim is deleted, with a log line, and a retry runs the route again.

While the route runs, its claim is renewed every third of `CIVIC_IDEMPOTENCY_CLAIM_SECONDS`, however long it takes.
A process that dies between running the route and storing its answer leaves a claim nobody completes or renews.
Retries get 409 until its `claimed_until` (at most `CIVIC_IDEMPOTENCY_CLAIM_SECONDS` after the last renewal); then
the next retry takes the claim over and runs the route again. The change the dead process made, if it committed
one, is then made a second time unless the use case's own rules refuse the duplicate — the same as a retry without
a key, and only in that crash window. Waiting longer would make a crash before the commit (the likelier moment)
lock the caller out of the key for the whole TTL.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timezone

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.errors import DomainError, Unavailable
from shared.http import problem_response
from shared.idempotency.rules import (HEADER, REPLAYED_HEADER, REPLAYED_HEADERS, WRITES, Outcome, caller_of,
                                      fingerprint, key_in_progress, key_reused, parse_key, record_id, storable)
from shared.idempotency.store import Answer, Begun, IdempotencyStore
from shared.mongo import PyMongoError

log = logging.getLogger(__name__)
MAX_ANSWER_BYTES = 1024 * 1024
"""Answers larger than this are not kept for replay (the claim is released, with a log line)."""
RETRY_AFTER_SECONDS = "2"
_KEY = HEADER.lower().encode()


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, *, store: IdempotencyStore, max_answer_bytes: int = MAX_ANSWER_BYTES,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.app, self.store, self.max_answer, self.clock = app, store, max_answer_bytes, clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITES or not scope["path"].startswith("/api/"):
            return await self.app(scope, receive, send)
        try:
            key = parse_key([v for k, v in scope["headers"] if k == _KEY])
        except DomainError as error:
            return await _answer_problem(error, scope, receive, send)
        if key is None:
            return await self.app(scope, receive, send)
        messages = await _read_body(receive)
        rid, begun = await self._begin(scope, key, b"".join(m.get("body", b"") for m in messages))
        if begun is None:
            unavailable = Unavailable("The database did not answer; retry shortly")
            return await _answer_problem(unavailable, scope, receive, send, {"Retry-After": "5"})
        if begun.outcome is Outcome.CLAIM:
            return await self._run(scope, _replaying(messages, receive), send, rid, begun.token)
        if begun.outcome is Outcome.REPLAY:
            return await _replay(begun.answer, send)
        if begun.outcome is Outcome.REUSED:
            return await _answer_problem(key_reused(), scope, receive, send)
        await _answer_problem(key_in_progress(), scope, receive, send, {"Retry-After": RETRY_AFTER_SECONDS})

    async def _begin(self, scope: Scope, key: str, body: bytes) -> tuple[str, Begun | None]:
        """The key's record id, and what the store says of this request (None: the store did not answer)."""
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        caller = _caller(scope, headers)
        rid = record_id(caller, key)
        query = scope.get("query_string", b"").decode("latin-1")
        request = fingerprint(scope["method"], scope["path"], query, headers.get("content-type", ""), body)
        try:
            return rid, await self.store.begin(rid, caller, request, self.clock())
        except PyMongoError as exc:  # outside the app's own handlers: answered as they would (503, never a 500)
            log.warning("idempotency key %s not looked up: %r", rid, exc)
            scope.setdefault("state", {})["database_unavailable"] = True  # the audit entry goes to the log at once
            return rid, None

    async def _run(self, scope: Scope, receive: Receive, send: Send, rid: str, token: str) -> None:
        """Run the route holding the claim (renewed meanwhile); its answer is stored before its last part leaves."""
        renewal = _Renewal(self.store, rid, token, self.clock)
        answer = _Held(send, self.max_answer, lambda start, held, size: self._finish(rid, token, start, held, size),
                       renewal)
        try:
            await self.app(scope, receive, answer.send)
        except BaseException:
            if not answer.finished:
                await renewal.stop()
                await self._release(rid, token, "the route raised")
            raise
        finally:
            await renewal.stop()
        if not answer.finished:
            await self._release(rid, token, "the route ended without a whole answer")

    async def _finish(self, rid: str, token: str, start: Message, held: list[Message], size: int) -> None:
        why_not = storable(start["status"], size, self.max_answer)
        if why_not is not None:
            return await self._release(rid, token, why_not)
        headers = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in start.get("headers", [])]
        answer = Answer(start["status"], [(k, v) for k, v in headers if k in REPLAYED_HEADERS],
                        b"".join(m.get("body", b"") for m in held))
        try:
            await self.store.complete(rid, token, answer, self.clock())
        except Exception:  # noqa: BLE001 - the change is made; a retry after the claim window runs it again
            log.exception("the answer to idempotency key %s could not be stored", rid)

    async def _release(self, rid: str, token: str, why: str) -> None:
        log.info("idempotency key %s released, its answer is not kept: %s", rid, why)
        try:
            await self.store.release(rid, token)
        except Exception:  # noqa: BLE001 - the claim then lapses after the claim window
            log.exception("the claim on idempotency key %s could not be released", rid)


class _Held:
    """The route's answer, held until its last part (or until it outgrows `limit`), then finished — stored or
    released — and only then sent on; past the limit the rest passes straight through."""

    def __init__(self, send: Send, limit: int, finish, renewal: "_Renewal") -> None:
        self._send, self._limit, self._finish, self._renewal = send, limit, finish, renewal
        self._start: Message | None = None
        self._held: list[Message] = []
        self._size, self.finished = 0, False

    async def send(self, message: Message) -> None:
        if self.finished:
            return await self._send(message)
        if message["type"] == "http.response.start":
            self._start = message
            return
        self._held.append(message)
        self._size += len(message.get("body", b""))
        if self._size > self._limit or not message.get("more_body", False):
            self.finished = True
            await self._renewal.stop()
            await self._finish(self._start, self._held, self._size)
            for part in (self._start, *self._held):
                await self._send(part)


class _Renewal:
    """Renews a claim while its request runs; `stop` waits for a renewal in flight, so that no renewal ever lands
    after the answer is stored (a FerretDB update rewrites the document it read)."""

    def __init__(self, store: IdempotencyStore, rid: str, token: str, clock: Callable[[], datetime]) -> None:
        self._stop = asyncio.Event()
        self._task = asyncio.create_task(self._run(store, rid, token, clock), name=f"idempotency-renew-{rid[:8]}")

    async def _run(self, store: IdempotencyStore, rid: str, token: str, clock: Callable[[], datetime]) -> None:
        every = store.claim_time.total_seconds() / 3
        while True:
            try:
                await asyncio.wait_for(self._stop.wait(), every)
                return
            except asyncio.TimeoutError:
                pass
            try:
                await store.renew(rid, token, clock())
            except Exception:  # noqa: BLE001 - the next round tries again; the claim lapses only if all fail
                log.warning("the claim on idempotency key %s was not renewed", rid, exc_info=True)

    async def stop(self) -> None:
        self._stop.set()
        await asyncio.shield(self._task)


def _caller(scope: Scope, headers: dict[str, str]) -> str:
    """The token's principal as the access gate verified it; without a token (tests only) the headers as sent."""
    principal = scope.get("state", {}).get("principal")
    if principal is not None:
        return caller_of(principal.subject, principal.employer_id, principal.roles)
    role = headers.get("x-civic-role")
    return caller_of(headers.get("x-civic-user"), headers.get("x-civic-employer"), [role] if role else [])


async def _replay(answer: Answer, send: Send) -> None:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers]
    headers += [(b"content-length", str(len(answer.body)).encode()), (REPLAYED_HEADER.lower().encode(), b"true")]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})


async def _answer_problem(error: DomainError, scope: Scope, receive: Receive, send: Send,
                          headers: dict[str, str] | None = None) -> None:
    await problem_response(error.problem(scope["path"]), headers)(scope, receive, send)


async def _read_body(receive: Receive) -> list[Message]:
    """The request's messages (the request guard has bounded the body already)."""
    messages = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
