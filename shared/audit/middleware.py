"""One audit record for every state-changing request a process serves, at its own port.

Installed by `shared.runtime.create_app` in the gateway and in every service, outside the access gate (so refusals
are recorded too) and inside tracing (so the record carries the trace id). The record is appended once the status
and the first body part are known, before either is passed on, so a caller that reads the audit right after its
request finds the record. A failed append is logged with the whole entry and never turns an answer into an
error: the change, if any, is already committed.
"""
from __future__ import annotations

import json
import logging

from shared.audit.chain import Entry
from shared.audit.log import AuditLog
from shared.auth import Principal
from shared.telemetry import current_trace_id

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_BODY_READ = 65536
IDENTITY_HEADERS = frozenset({"x-civic-user", "x-civic-role", "x-civic-employer"})
DATABASE_DOWN = "database_unavailable"
"""Set on the request's state by the 503 handler (`shared.http`): the audit store is that same database, so its
append would only wait out another timeout before failing; the entry goes to the log at once instead."""
log = logging.getLogger(__name__)


class AuditMiddleware:
    """Pure ASGI. `believe_headers`: a service that runs without required tokens acts as the `X-Civic-*` headers
    say, so that is who its records name (`via: headers`); the gateway never believes them."""

    def __init__(self, app, audit: AuditLog, believe_headers: bool = False) -> None:
        self.app, self.audit, self.believe_headers = app, audit, believe_headers

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        # Created here, so that the access gate's copy of the scope shares it and its principal is seen here.
        state = scope.setdefault("state", {})
        start: dict | None = None
        recorded = False

        async def recording_send(message) -> None:
            # The start is held until the first body part, whose `id` names what a creation made; both leave
            # only after the record is written.
            nonlocal start, recorded
            if message["type"] == "http.response.start":
                start = message
                return
            if start is not None and not recorded:
                recorded = True
                await self._record(scope, state, start["status"], dict(_headers(start.get("headers", []))),
                                   message.get("body", b""))
                await send(start)
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        except Exception:
            if not recorded:
                await self._record(scope, state, 500, {}, b"")
            raise

    async def _record(self, scope, state: dict, status: int, headers: dict[str, str], body: bytes) -> None:
        entry = entry_of(scope, state.get("principal"), status, headers, self.believe_headers,
                         created=created_id(status, headers, body))
        if state.get(DATABASE_DOWN):
            log.error("audit record not written, the database is unavailable: %s", entry)
            return
        try:
            await self.audit.append(entry)
        except Exception:  # noqa: BLE001 - the change is committed; the gap shows in the log, with the entry
            log.exception("could not write the audit record %s", entry)


def created_id(status: int, headers: dict[str, str], body: bytes) -> str | None:
    """What a creation made: its `Location`, else the `id` of a 201's JSON body (the services answer a creation
    with the new resource)."""
    if location := headers.get("location", "").rstrip("/").rsplit("/", 1)[-1]:
        return location
    if status != 201 or not headers.get("content-type", "").endswith("json") or len(body) > MAX_BODY_READ:
        return None
    try:
        document = json.loads(body)
    except ValueError:
        return None
    return str(document["id"]) if isinstance(document, dict) and document.get("id") is not None else None


def target_of(path: str) -> str | None:
    """The path's last segment that carries a digit: ids, USCCs and years do, resource names and steps
    (`employers`, `review`, `bank-account`) do not."""
    return next((part for part in reversed(path.strip("/").split("/")[3:]) if any(c.isdigit() for c in part)),
                None)


def entry_of(scope, principal: Principal | None, status: int, headers: dict[str, str], believe_headers: bool,
             created: str | None = None) -> Entry:
    target = created or target_of(scope["path"])
    subject, roles, employer, client_id, via = "anonymous", (), None, None, "none"
    if principal is not None:
        subject, roles, via = principal.subject, tuple(sorted(principal.roles)), "token"
        employer, client_id = principal.employer_id, principal.client_id
    elif believe_headers:
        sent = dict(_headers(scope.get("headers", [])))
        if sent.keys() & IDENTITY_HEADERS:
            subject, via = sent.get("x-civic-user", "anonymous"), "headers"
            roles = (sent["x-civic-role"],) if sent.get("x-civic-role") else ()
            employer = sent.get("x-civic-employer")
    return Entry(subject=subject, roles=roles, employer=employer, client_id=client_id, via=via,
                 ip=scope["client"][0] if scope.get("client") else None, method=scope["method"],
                 path=scope["path"], target=target, status=status, trace_id=current_trace_id(),
                 request_id=headers.get("x-request-id"))


def _headers(raw) -> list[tuple[str, str]]:
    return [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in raw]
