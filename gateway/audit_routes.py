"""Writing the audit record of every state-changing request, and `GET /audit` for auditors.

The record is appended when the response starts (its status is known then), before the client sees it, so a
caller that reads the audit right after its request finds the record.
"""
from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from gateway.audit import AuditLog, Entry
from shared.auth import Principal, Role, require_roles
from shared.problem_docs import problem_responses
from shared.telemetry import current_trace_id

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
log = logging.getLogger(__name__)


class AuditMiddleware:
    """Pure ASGI: every non-safe request under `/api/` gets one chained record (who, what, when, outcome)."""

    def __init__(self, app, audit: AuditLog) -> None:
        self.app, self.audit = app, audit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        started = False

        async def recording_send(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start" and not started:
                started = True
                await self._record(scope, message["status"], dict(_headers(message)))
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        except Exception:
            if not started:
                await self._record(scope, 500, {})
            raise

    async def _record(self, scope, status: int, headers: dict[str, str]) -> None:
        try:
            await self.audit.append(entry_of(scope, status, headers))
        except Exception:  # noqa: BLE001 - the change already happened upstream; the gap shows in the log
            log.exception("could not write the audit record of %s %s", scope["method"], scope["path"])


def entry_of(scope, status: int, headers: dict[str, str]) -> Entry:
    principal: Principal | None = scope.get("state", {}).get("principal")
    parts = scope["path"].strip("/").split("/")  # api, v1, service, resource, id, …
    target = headers.get("location", "").rstrip("/").rsplit("/", 1)[-1] or (parts[4] if len(parts) > 4 else None)
    return Entry(subject=principal.subject if principal else "anonymous",
                 roles=tuple(sorted(principal.roles)) if principal else (),
                 client_id=principal.client_id if principal else None,
                 ip=scope["client"][0] if scope.get("client") else None, method=scope["method"],
                 path=scope["path"], target=target, status=status, trace_id=current_trace_id(),
                 request_id=headers.get("x-request-id"))


def _headers(message) -> list[tuple[str, str]]:
    return [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in message.get("headers", [])]


def router(audit: AuditLog) -> APIRouter:
    api = APIRouter(tags=["audit"], dependencies=[Depends(require_roles(Role.AUDITOR))],
                    responses=problem_responses(401, 403, 422))

    @api.get("/audit")
    async def records(after: Annotated[int, Query(ge=0)] = 0,
                      limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict:
        """Audit records in chain order, after position `after` (auditors only)."""
        items = await audit.page(after, limit)
        return {"items": items, "next_after": items[-1]["n"] if len(items) == limit else None}

    @api.get("/audit/verify")
    async def verify() -> dict:
        """Recompute the whole chain: `ok` false names the first broken position and why."""
        result = await audit.verify()
        return {"ok": result.ok, "checked": result.checked, "broken_at": result.broken_at, "reason": result.reason}

    return api
